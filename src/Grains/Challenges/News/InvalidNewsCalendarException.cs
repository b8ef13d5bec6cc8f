namespace Crucible.Grains.Challenges.News;

/// <summary>The news calendar file cannot be used; <see cref="Problems"/> names each event and field at fault.</summary>
public sealed class InvalidNewsCalendarException(string path, IReadOnlyList<string> problems)
    : Exception($"News calendar '{path}' is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
