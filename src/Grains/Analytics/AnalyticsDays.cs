using Crucible.Grains.Challenges;

namespace Crucible.Grains.Analytics;

/// <summary>
/// The trading days statistics are grouped by: an assessment account's are its plan's (reset time in the plan's zone,
/// <see cref="TradingDayClock"/>), a paper account's run from midnight to midnight UTC. A day is labelled by the local
/// date at its middle, so a day from 17:00 New York Monday to 17:00 Tuesday is Tuesday, a midnight-to-midnight day its own date.
/// </summary>
public sealed class AnalyticsDays
{
    private readonly TradingDayClock clock;
    private readonly TimeZoneInfo zone;

    public AnalyticsDays(string timeZone, TimeOnly resetTime)
    {
        clock = new TradingDayClock(timeZone, resetTime);
        zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        TimeZone = timeZone;
        ResetTime = resetTime;
    }

    public static AnalyticsDays Utc { get; } = new("UTC", TimeOnly.MinValue);

    public string TimeZone { get; }

    public TimeOnly ResetTime { get; }

    public DateTimeOffset DayStart(DateTimeOffset time) => clock.DayStart(time);

    public DateTimeOffset NextReset(DateTimeOffset time) => clock.NextReset(time);

    /// <summary>The label of the trading day holding <paramref name="time"/>.</summary>
    public DateOnly DayOf(DateTimeOffset time)
    {
        var start = clock.DayStart(time);
        var middle = start + (clock.NextReset(time) - start) / 2;
        return DateOnly.FromDateTime(Local(middle).DateTime);
    }

    public DateTimeOffset Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, zone);
}
