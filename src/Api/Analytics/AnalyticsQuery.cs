using System.Globalization;
using Crucible.Grains.Analytics;

namespace Crucible.Api.Analytics;

/// <summary>How a report is answered: <c>?format=json</c> (the default), <c>csv</c> or <c>html</c>.</summary>
public enum ReportFormat
{
    Json = 0,
    Csv = 1,
    Html = 2,
}

/// <summary>
/// The query parameters of the analytics routes, validated together: <c>from</c> and <c>to</c> (ISO 8601, to &gt; from),
/// <c>resolution</c> (<c>1m</c>, <c>1h</c>, <c>1d</c>), <c>format</c> (<c>json</c>, <c>csv</c>, <c>html</c>). A parameter
/// a route does not take, or a malformed one, is a 400 naming it.
/// </summary>
public sealed record AnalyticsQuery(DateTimeOffset? From, DateTimeOffset? To, EquityResolution Resolution, ReportFormat Format)
{
    public static (AnalyticsQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection q, params string[] allowed)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in q.Keys.Where(k => !allowed.Contains(k, StringComparer.Ordinal)))
            errors[key] = [$"is not a parameter of this request (it takes: {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))})."];
        var from = Time(q, "from", errors);
        var to = Time(q, "to", errors);
        if (from is not null && to is not null && to <= from)
            errors.TryAdd("to", ["must be later than from."]);
        var resolution = EquityResolution.OneHour;
        if (q.TryGetValue("resolution", out var r))
        {
            switch (r.ToString())
            {
                case "1m": resolution = EquityResolution.OneMinute; break;
                case "1h": resolution = EquityResolution.OneHour; break;
                case "1d": resolution = EquityResolution.OneDay; break;
                default: errors.TryAdd("resolution", [$"'{r}' is not one of: 1m, 1h, 1d."]); break;
            }
        }
        var format = ReportFormat.Json;
        if (q.TryGetValue("format", out var f))
        {
            switch (f.ToString())
            {
                case "json": format = ReportFormat.Json; break;
                case "csv": format = ReportFormat.Csv; break;
                case "html": format = ReportFormat.Html; break;
                default: errors.TryAdd("format", [$"'{f}' is not one of: json, csv, html."]); break;
            }
        }
        return errors.Count > 0 ? (null, errors) : (new AnalyticsQuery(from, to, resolution, format), errors);
    }

    /// <summary>The period asked for, each end defaulting to the scope's own.</summary>
    public (DateTimeOffset From, DateTimeOffset To) PeriodOf(AnalyticsScope scope)
    {
        var from = From ?? scope.From;
        var to = To ?? scope.To;
        return to > from ? (from, to) : (from, from.AddTicks(1));
    }

    private static DateTimeOffset? Time(IQueryCollection q, string name, Dictionary<string, string[]> errors)
    {
        if (!q.TryGetValue(name, out var value))
            return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        errors.TryAdd(name, [$"'{value}' is not an ISO 8601 time (e.g. 2026-03-02T09:00:00Z)."]);
        return null;
    }
}
