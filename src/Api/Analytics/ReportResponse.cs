using System.Text;
using System.Text.Json;
using Crucible.Grains.Analytics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Crucible.Api.Analytics;

/// <summary>Answers a report in the asked format: the JSON model, or the CSV or HTML made from that same JSON.</summary>
public sealed class ReportResponse(IOptions<JsonOptions> json)
{
    /// <summary>The chart of a scope: 1-minute closes while they are few enough to draw, else hourly, else daily.</summary>
    private const int MaxChartPoints = 2000;

    public IResult Render<T>(T model, ReportFormat format, string title, string fileName, IEnumerable<(AnalyticsScope Scope, DateTimeOffset From, DateTimeOffset To)> charts)
    {
        if (format == ReportFormat.Json)
            return TypedResults.Json(model, json.Value.SerializerOptions);
        var node = JsonSerializer.SerializeToNode(model, json.Value.SerializerOptions)!;
        var tables = ReportTables.From(node);
        if (format == ReportFormat.Csv)
            return TypedResults.File(Encoding.UTF8.GetBytes(CsvReportWriter.Write(tables)), "text/csv; charset=utf-8", fileName + ".csv");
        var svgs = charts.Select(c => (c.Scope.Label + " — " + c.Scope.AccountId, EquityChart.Svg(c.Scope.Label, Chart(c.Scope, c.From, c.To)))).ToList();
        return TypedResults.Content(HtmlReportWriter.Write(title, svgs, tables), "text/html; charset=utf-8");
    }

    private static IReadOnlyList<EquityBar> Chart(AnalyticsScope scope, DateTimeOffset from, DateTimeOffset to)
    {
        foreach (var resolution in new[] { EquityResolution.OneMinute, EquityResolution.OneHour })
        {
            var bars = scope.Analysis.History(resolution, from, to);
            if (bars.Count <= MaxChartPoints) return bars;
        }
        return scope.Analysis.History(EquityResolution.OneDay, from, to);
    }
}
