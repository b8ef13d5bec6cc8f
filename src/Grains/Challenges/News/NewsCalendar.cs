namespace Crucible.Grains.Challenges.News;

/// <summary>
/// The scheduled news events of a deployment (config/news.json), oldest first. A plan's blackout of N minutes is the
/// window [event − N min, event + N min) around each event: half-open, so an instant is in at most one window's end
/// and the schedule can step exactly from one boundary to the next (docs/rules.md "Session rules").
/// </summary>
public sealed class NewsCalendar
{
    public static NewsCalendar Empty { get; } = new([]);

    public NewsCalendar(IEnumerable<NewsEvent> events) => Events = [.. events.OrderBy(e => e.Time)];

    public IReadOnlyList<NewsEvent> Events { get; }

    /// <summary>The event whose blackout window contains <paramref name="time"/>, or null (the earliest, when windows overlap).</summary>
    public NewsEvent? BlackoutAt(DateTimeOffset time, int minutes)
    {
        var half = TimeSpan.FromMinutes(minutes);
        return Events.FirstOrDefault(e => e.Time - half <= time && time < e.Time + half);
    }

    /// <summary>The first window start or end strictly after <paramref name="time"/>, or null when no event is left.</summary>
    public DateTimeOffset? NextBoundary(DateTimeOffset time, int minutes)
    {
        var half = TimeSpan.FromMinutes(minutes);
        DateTimeOffset? next = null;
        foreach (var e in Events)
        {
            if (e.Time - half > time) return next is { } n && n < e.Time - half ? n : e.Time - half;
            if (e.Time + half > time && (next is null || e.Time + half < next)) next = e.Time + half;
        }
        return next;
    }
}
