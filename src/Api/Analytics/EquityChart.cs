using System.Globalization;
using System.Net;
using System.Text;
using Crucible.Grains.Analytics;

namespace Crucible.Api.Analytics;

/// <summary>
/// An inline SVG line chart of equity closes with the daily-loss and overall floors (dashed) that applied at each
/// point: no script, no external resource, so the page prints and works offline.
/// </summary>
public static class EquityChart
{
    private const int Width = 900, Height = 260, Pad = 40;

    public static string Svg(string title, IReadOnlyList<EquityBar> bars)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        if (bars.Count == 0)
            return svg.Append("<text x=\"10\" y=\"20\">No equity recorded.</text></svg>").ToString();
        var values = bars.SelectMany(b => new[] { b.Close, b.DailyFloor ?? b.Close, b.OverallFloor ?? b.Close }).ToList();
        decimal low = values.Min(), high = values.Max();
        if (high == low) { high += 1m; low -= 1m; }
        long first = bars[0].CloseAt.UtcTicks, last = bars[^1].CloseAt.UtcTicks;
        double X(DateTimeOffset t) => Pad + (last == first ? 0.5 : (double)(t.UtcTicks - first) / (last - first)) * (Width - 2 * Pad);
        double Y(decimal v) => Height - Pad - (double)((v - low) / (high - low)) * (Height - 2 * Pad);

        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Pad}\" y=\"{Pad}\" width=\"{Width - 2 * Pad}\" height=\"{Height - 2 * Pad}\" fill=\"none\" stroke=\"#ccc\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Pad}\" y=\"{Pad - 8}\" font-size=\"12\">{high:0.##}</text><text x=\"{Pad}\" y=\"{Height - Pad + 16}\" font-size=\"12\">{low:0.##}</text>");
        Line(svg, bars.Select(b => (b.CloseAt, (decimal?)b.Close)), X, Y, "#1f5fbf", "");
        Line(svg, bars.Select(b => (b.CloseAt, b.DailyFloor)), X, Y, "#d97706", " stroke-dasharray=\"6 4\"");
        Line(svg, bars.Select(b => (b.CloseAt, b.OverallFloor)), X, Y, "#b91c1c", " stroke-dasharray=\"2 3\"");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Pad}\" y=\"{Pad - 8}\" font-size=\"12\" text-anchor=\"end\">equity (blue), daily floor (orange), overall floor (red)</text>");
        return svg.Append("</svg>").ToString();
    }

    private static void Line(StringBuilder svg, IEnumerable<(DateTimeOffset Time, decimal? Value)> points, Func<DateTimeOffset, double> x, Func<decimal, double> y,
        string colour, string dash)
    {
        var coordinates = points.Where(p => p.Value is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.Time):0.#},{y(p.Value!.Value):0.#}")).ToList();
        if (coordinates.Count == 0) return;
        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash} points=\"{string.Join(' ', coordinates)}\"/>");
    }
}
