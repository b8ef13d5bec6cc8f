namespace Crucible.Grains.Challenges;

/// <summary>
/// A plan's trading days: each runs from one reset to the next, the reset being a wall-clock time in an IANA zone,
/// so a day is 23 or 25 hours long across a DST change. A reset time that a spring-forward skips happens at the
/// first instant after the gap; one that an autumn fall-back repeats happens at its first occurrence.
/// </summary>
public sealed class TradingDayClock
{
    private readonly TimeZoneInfo zone;
    private readonly TimeOnly resetTime;

    /// <exception cref="TimeZoneNotFoundException">The zone id is not known to the system's time zone database.</exception>
    public TradingDayClock(string timeZone, TimeOnly resetTime)
    {
        zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        this.resetTime = resetTime;
    }

    /// <summary>The reset on a local calendar date of the zone.</summary>
    public DateTimeOffset ResetOn(DateOnly localDate)
    {
        var local = localDate.ToDateTime(resetTime);
        if (zone.IsInvalidTime(local))
        {
            // Transitions fall on whole minutes, so the first valid minute is where the gap ends.
            local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
            while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        if (zone.IsAmbiguousTime(local))
        {
            // The first occurrence is the one under the larger (daylight) offset.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The start of the trading day containing <paramref name="time"/>: the last reset at or before it.</summary>
    public DateTimeOffset DayStart(DateTimeOffset time)
    {
        var today = LocalDate(time);
        for (var date = today.AddDays(1); ; date = date.AddDays(-1))
        {
            var reset = ResetOn(date);
            if (reset <= time) return reset;
        }
    }

    /// <summary>The first reset strictly after <paramref name="time"/>.</summary>
    public DateTimeOffset NextReset(DateTimeOffset time)
    {
        var today = LocalDate(time);
        for (var date = today.AddDays(-1); ; date = date.AddDays(1))
        {
            var reset = ResetOn(date);
            if (reset > time) return reset;
        }
    }

    private DateOnly LocalDate(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
}
