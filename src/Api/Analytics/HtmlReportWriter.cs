using System.Net;
using System.Text;

namespace Crucible.Api.Analytics;

/// <summary>
/// A report as one printable HTML page: its title, an equity chart per account (inline SVG), then every table of the
/// JSON report (<see cref="ReportTables"/>). Styles are inline; the page loads nothing from anywhere.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>An array table wider than this is printed transposed (one column per row), so it fits a page.</summary>
    private const int WideTable = 12;

    public static string Write(string title, IReadOnlyList<(string Label, string Svg)> charts, IReadOnlyList<ReportTable> tables)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>")
            .Append("<style>body{font:13px system-ui,sans-serif;margin:24px;color:#111}h1{font-size:20px}h2{font-size:15px;margin-top:24px}")
            .Append("table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}th{background:#f3f3f3}")
            .Append("figure{margin:8px 0;page-break-inside:avoid}@media print{h2{page-break-after:avoid}table{page-break-inside:auto}}</style></head><body>")
            .Append("<h1>").Append(Encode(title)).Append("</h1>");
        foreach (var (label, svg) in charts)
            html.Append("<figure>").Append(svg).Append("<figcaption>").Append(Encode(label)).Append("</figcaption></figure>");
        foreach (var table in tables)
        {
            html.Append("<h2>").Append(Encode(table.Name)).Append("</h2><table data-name=\"").Append(Encode(table.Name)).Append("\">");
            if (table.Columns.Count > WideTable && table.Rows.Count > 0)
            {
                // Transposed: the first column names the field, each further column is one row of the table.
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    html.Append("<tr><th>").Append(Encode(table.Columns[c])).Append("</th>");
                    foreach (var row in table.Rows) html.Append("<td>").Append(Encode(row[c])).Append("</td>");
                    html.Append("</tr>");
                }
            }
            else
            {
                html.Append("<tr>");
                foreach (var column in table.Columns) html.Append("<th>").Append(Encode(column)).Append("</th>");
                html.Append("</tr>");
                foreach (var row in table.Rows)
                {
                    html.Append("<tr>");
                    foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
                    html.Append("</tr>");
                }
            }
            html.Append("</table>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
