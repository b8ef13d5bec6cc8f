using System.Globalization;
using System.Text.RegularExpressions;

namespace Crucible.Grains.Markets.Replay;

/// <summary>
/// The line and field rules both replay formats share: a required header, comma-separated fields without
/// quoting, invariant-culture decimals and ISO-8601 times that carry their offset (a time without one would
/// be read in the server's zone, and the same file would replay differently on different machines).
/// </summary>
internal static partial class ReplayCsv
{
    /// <summary>The data rows after the header as (1-based line number, fields); blank lines are skipped.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Rows(TextReader reader, string file, string[] columns)
    {
        var header = reader.ReadLine();
        var expected = string.Join(',', columns);
        if (header is null || !string.Equals(header.Trim().TrimStart('\uFEFF'), expected, StringComparison.OrdinalIgnoreCase))
            throw new ReplayFormatException(file, 1, 1, "header", $"expected the header '{expected}', found '{header}'");

        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var fields = text.Split(',');
            if (fields.Length < columns.Length)
                throw new ReplayFormatException(file, line, fields.Length + 1, columns[fields.Length],
                    $"expected {columns.Length} fields, found {fields.Length}");
            if (fields.Length > columns.Length)
                throw new ReplayFormatException(file, line, columns.Length + 1, "extra field",
                    $"expected {columns.Length} fields, found {fields.Length}");
            yield return (line, fields);
        }
    }

    public static DateTimeOffset Time(string text, string file, int line, int column, string name)
    {
        var trimmed = text.Trim();
        if (!OffsetSuffix().IsMatch(trimmed)
            || !DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            throw new ReplayFormatException(file, line, column, name, $"'{text}' is not an ISO-8601 time with an offset (e.g. 2026-01-05T14:30:00Z)");
        return time;
    }

    public static decimal Number(string text, string file, int line, int column, string name)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new ReplayFormatException(file, line, column, name, $"'{text}' is not a number");
        return value;
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetSuffix();
}
