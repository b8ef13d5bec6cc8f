using Crucible.Domain.Tests.Markets;
using Crucible.Grains.Challenges.News;

namespace Crucible.Domain.Tests.Challenges;

public sealed class NewsCalendarTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("news-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_shipped_calendar_loads_in_time_order()
    {
        var calendar = NewsCalendarLoader.Load(Path.Combine(RepositoryFiles.Root, "src", "Grains", "config", "news.json"));
        Assert.NotEmpty(calendar.Events);
        Assert.Equal(calendar.Events.OrderBy(e => e.Time), calendar.Events);
    }

    [Fact]
    public void Windows_are_half_open_and_boundaries_step_from_one_to_the_next()
    {
        var nfp = DateTimeOffset.Parse("2026-01-09T13:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var calendar = new NewsCalendar([new NewsEvent(nfp.AddMinutes(3), "Second", null), new NewsEvent(nfp, "First", "USD")]);

        Assert.Null(calendar.BlackoutAt(nfp.AddMinutes(-2).AddSeconds(-1), 2));
        Assert.Equal("First", calendar.BlackoutAt(nfp.AddMinutes(-2), 2)!.Name);
        // 13:32 ends First's window; Second's [13:31, 13:35) already holds it.
        Assert.Equal("Second", calendar.BlackoutAt(nfp.AddMinutes(2), 2)!.Name);
        Assert.Null(calendar.BlackoutAt(nfp.AddMinutes(5), 2));

        Assert.Equal(nfp.AddMinutes(-2), calendar.NextBoundary(nfp.AddHours(-1), 2));
        Assert.Equal(nfp.AddMinutes(1), calendar.NextBoundary(nfp.AddMinutes(-2), 2));   // Second's start
        Assert.Equal(nfp.AddMinutes(2), calendar.NextBoundary(nfp.AddMinutes(1), 2));    // First's end
        Assert.Equal(nfp.AddMinutes(5), calendar.NextBoundary(nfp.AddMinutes(2), 2));    // Second's end
        Assert.Null(calendar.NextBoundary(nfp.AddMinutes(5), 2));
    }

    [Fact]
    public void A_broken_calendar_is_refused_with_every_problem_named_by_event_and_field()
    {
        var path = Path.Combine(directory, "news.json");
        File.WriteAllText(path, """
            { "events": [
              { "time": "2026-01-09T13:30:00", "name": "Local time", "currency": "USD" },
              { "time": "2026-01-09T13:30:00Z", "name": "", "currency": "usd" },
              { "name": "No time" }
            ] }
            """);

        var problems = Assert.Throws<InvalidNewsCalendarException>(() => NewsCalendarLoader.Load(path)).Problems;

        Assert.Equal(
        [
            "events[0].time is required: an ISO 8601 instant with Z or an offset, e.g. 2026-01-09T13:30:00Z",
            "events[1].name is required",
            "events[1].currency must be a three-letter code such as USD",
            "events[2].time is required: an ISO 8601 instant with Z or an offset, e.g. 2026-01-09T13:30:00Z",
        ], problems);
    }
}
