using System.Text;

namespace Crucible.Api.Analytics;

/// <summary>
/// A report as CSV (RFC 4180, UTF-8, CRLF): each table is a line <c># name</c>, its header line and its rows, with a
/// blank line between tables. Cells are the JSON report's values (<see cref="ReportTables"/>).
/// </summary>
public static class CsvReportWriter
{
    public static string Write(IReadOnlyList<ReportTable> tables)
    {
        var csv = new StringBuilder();
        foreach (var table in tables)
        {
            if (csv.Length > 0) csv.Append("\r\n");
            csv.Append("# ").Append(table.Name).Append("\r\n");
            Line(csv, table.Columns);
            foreach (var row in table.Rows) Line(csv, row);
        }
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Escape(cells[i]));
        }
        csv.Append("\r\n");
    }

    // Quoted when it holds a comma, quote or line break; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
    private static string Escape(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '@' && !decimal.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
    }
}
