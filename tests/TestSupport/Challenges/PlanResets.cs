namespace Crucible.TestSupport.Challenges;

/// <summary>
/// Reset instants of a plan's trading days: a wall-clock time in an IANA zone, so a day is 23, 24 or 25 hours
/// long across DST. Written here with <see cref="TimeZoneInfo"/> rather than borrowed from the grains, so the
/// replay shares no day arithmetic with the engine.
/// </summary>
public sealed class PlanResets(string timeZone, TimeOnly resetTime)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);

    /// <summary>The reset at or before <paramref name="time"/>: the start of the trading day that contains it.</summary>
    public DateTimeOffset AtOrBefore(DateTimeOffset time)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
        var reset = On(localDate);
        while (reset > time)
        {
            localDate = localDate.AddDays(-1);
            reset = On(localDate);
        }

        return reset;
    }

    /// <summary>The first reset strictly after <paramref name="time"/>.</summary>
    public DateTimeOffset After(DateTimeOffset time)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
        var reset = On(localDate);
        while (reset <= time)
        {
            localDate = localDate.AddDays(1);
            reset = On(localDate);
        }

        return reset;
    }

    /// <summary>Every reset strictly after <paramref name="from"/> and at or before <paramref name="to"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to)
    {
        var resets = new List<DateTimeOffset>();
        for (var reset = After(from); reset <= to; reset = After(reset))
        {
            resets.Add(reset);
        }

        return resets;
    }

    /// <summary>
    /// The reset on a local date. A reset time that the clocks skip (spring forward) happens when the wall clock
    /// passes it, i.e. at the first instant after the gap (docs/rules.md D3); one that happens twice (fall back)
    /// happens the first time.
    /// </summary>
    private DateTimeOffset On(DateOnly localDate)
    {
        var local = localDate.ToDateTime(resetTime, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The first instant at which the zone's wall clock shows the reset time or later: start from the reading
            // with the offset before the change (already past the gap) and step back while a minute earlier the wall
            // clock was still at or past the reset time.
            var instant = new DateTimeOffset(local, zone.GetUtcOffset(local.AddHours(-3))).ToUniversalTime();
            while (TimeZoneInfo.ConvertTime(instant.AddMinutes(-1), zone).DateTime >= local)
            {
                instant = instant.AddMinutes(-1);
            }

            return instant;
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
