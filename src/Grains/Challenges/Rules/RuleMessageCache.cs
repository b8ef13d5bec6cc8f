using System.Globalization;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>
/// The last message an objective formatted and what it was formatted from. Objectives are asked at every observation
/// but their numbers change only with a fill, so the message is formatted again only when a number (compared as
/// written: value, scale and sign, since 1.0 and 1.00 print differently), the flag or the culture changed.
/// </summary>
internal sealed class RuleMessageCache
{
    private decimal first;
    private decimal second;
    private bool flag;
    private CultureInfo? culture;
    private string? message;

    /// <summary>The message formatted last from these values, or null when it must be formatted.</summary>
    public string? Find(decimal first, decimal second, bool flag = false) =>
        message is not null && flag == this.flag && ReferenceEquals(culture, CultureInfo.CurrentCulture)
            && Same(first, this.first) && Same(second, this.second)
            ? message
            : null;

    public string Keep(decimal first, decimal second, bool flag, string message)
    {
        this.first = first;
        this.second = second;
        this.flag = flag;
        culture = CultureInfo.CurrentCulture;
        return this.message = message;
    }

    private static bool Same(decimal a, decimal b) => a == b && a.Scale == b.Scale && decimal.IsNegative(a) == decimal.IsNegative(b);
}
