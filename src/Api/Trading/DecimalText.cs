using System.Globalization;

namespace Crucible.Api.Trading;

/// <summary>
/// Reads a number's text as a decimal only when the decimal is exactly the number written. decimal.Parse rounds
/// past 28–29 significant digits (and to zero below 1e-28) without saying so; an order for a quantity the trader did
/// not write is worse than a refused one, so a number that does not fit is an error naming the field.
/// </summary>
public static class DecimalText
{
    public enum Outcome { Exact, NotANumber, TooPrecise, OutOfRange }

    public static Outcome TryParse(string text, NumberStyles styles, out decimal value)
    {
        if (!decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out value))
            // A numeral double reads (to infinity, perhaps) is too large for decimal; anything else is not a number.
            return IsNumeral(text) && double.TryParse(text, styles, CultureInfo.InvariantCulture, out _)
                ? Outcome.OutOfRange
                : Outcome.NotANumber;
        return Canonical(text) is { } written && written == Canonical(value.ToString(CultureInfo.InvariantCulture))
            ? Outcome.Exact
            : Outcome.TooPrecise;
    }

    public static string Describe(Outcome outcome) => outcome switch
    {
        Outcome.TooPrecise => "has more digits than a decimal holds exactly (28–29 significant digits, 28 decimal places); it would be rounded, so send fewer digits.",
        Outcome.OutOfRange => $"is out of range: a decimal holds at most ±{decimal.MaxValue}.",
        _ => "is not a decimal number.",
    };

    /// <summary>Digits with sign, point and exponent only: double also reads "Infinity" and "NaN", which are no numerals.</summary>
    private static bool IsNumeral(string text) =>
        text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || c is '.' or '+' or '-' or 'e' or 'E');

    /// <summary>
    /// The value a number's text denotes, as sign, significant digits and power of ten (so 1.50, 15e-1 and 1.5 are
    /// equal); null when the exponent itself is absurd.
    /// </summary>
    private static (bool Negative, string Digits, long Exponent)? Canonical(string text)
    {
        var s = text.Trim();
        var negative = s.StartsWith('-');
        s = s.TrimStart('+', '-');
        long exponent = 0;
        var e = s.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!long.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || exponent is > int.MaxValue or < int.MinValue)
                return null;
            s = s[..e];
        }
        var point = s.IndexOf('.');
        if (point >= 0)
        {
            exponent -= s.Length - point - 1;
            s = s.Remove(point, 1);
        }
        var digits = s.TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return trimmed.Length == 0 ? (false, "", 0) : (negative, trimmed, exponent);
    }
}
