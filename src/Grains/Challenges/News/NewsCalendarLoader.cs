using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Crucible.Grains.Challenges.News;

/// <summary>
/// Reads news.json (<c>{ "events": [ { "time": "2026-01-09T13:30:00Z", "name": "...", "currency": "USD" } ] }</c>) and
/// refuses it whole when an event is unusable, listing every problem as <c>events[i].field message</c>: a blackout
/// silently missing an event would let orders through that the plan forbids.
/// </summary>
public static partial class NewsCalendarLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static NewsCalendar Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new InvalidNewsCalendarException(fullPath, ["the file does not exist"]);

        NewsFile? file;
        try
        {
            using var stream = File.OpenRead(fullPath);
            file = JsonSerializer.Deserialize<NewsFile>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidNewsCalendarException(fullPath, [$"malformed JSON at {e.Path} (line {e.LineNumber + 1}): {e.Message}"]);
        }

        var problems = new List<string>();
        var events = new List<NewsEvent>();
        var entries = file?.Events ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var before = problems.Count;
            void Problem(string field, string message) => problems.Add($"events[{i}].{field} {message}");
            // An instant needs its offset: a local time would move the window by hours.
            var parsed = DateTimeOffset.TryParse(e.Time, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time);
            if (!parsed || !TimePattern().IsMatch(e.Time ?? ""))
                Problem("time", "is required: an ISO 8601 instant with Z or an offset, e.g. 2026-01-09T13:30:00Z");
            if (string.IsNullOrWhiteSpace(e.Name))
                Problem("name", "is required");
            if (e.Currency is { } currency && !CurrencyPattern().IsMatch(currency))
                Problem("currency", "must be a three-letter code such as USD");
            if (problems.Count == before)
                events.Add(new NewsEvent(time.ToUniversalTime(), e.Name!, e.Currency));
        }
        if (problems.Count > 0)
            throw new InvalidNewsCalendarException(fullPath, problems);
        return new NewsCalendar(events);
    }

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}

internal sealed record NewsFile
{
    public List<NewsEntry> Events { get; init; } = [];
}

internal sealed record NewsEntry
{
    /// <summary>The instant as written, so a time without an offset can be refused.</summary>
    public string? Time { get; init; }
    public string? Name { get; init; }
    public string? Currency { get; init; }
}
