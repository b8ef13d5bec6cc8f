using Crucible.Grains.Interfaces.Markets;

namespace Crucible.TestSupport.Trading;

/// <summary>When a day order expires: the close of the session it was accepted in, or of the next one.</summary>
public static class SessionClock
{
    public static DateTimeOffset DayEnd(InstrumentSpec spec, DateTimeOffset acceptedAt, Func<InstrumentSpec, DateTimeOffset, bool> isOpen)
    {
        // 24/7 instruments: the day ends at the next 00:00 UTC.
        if (spec.Hours is not { } hours) return new DateTimeOffset(acceptedAt.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(acceptedAt, zone).DateTime);
        var open = isOpen(spec, acceptedAt);

        // Sessions in start order, from the one that may have begun yesterday; the first that ends after the
        // acceptance instant is the one it falls in (when open) or the next one (when closed).
        for (var day = today.AddDays(-1); day <= today.AddDays(8); day = day.AddDays(1))
        {
            if (!hours.Days.Contains(day.DayOfWeek)) continue;
            var start = LocalToUtc(day, hours.Open, zone);
            var end = LocalToUtc(hours.Open < hours.Close ? day : day.AddDays(1), hours.Close, zone);
            if (end <= acceptedAt) continue;
            if (open || start > acceptedAt) return end;
        }

        throw new InvalidOperationException($"{spec.Symbol} has no session in the week after {acceptedAt:O}.");
    }

    /// <summary>The start of the session that ends at <paramref name="end"/> (a close of the instrument's hours).</summary>
    public static DateTimeOffset StartOfSessionEndingAt(InstrumentSpec spec, DateTimeOffset end)
    {
        var hours = spec.Hours ?? throw new InvalidOperationException($"{spec.Symbol} has no sessions.");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var closeDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end, zone).DateTime);
        // Overnight (or 24-hour) sessions start the day before their close.
        var openDay = hours.Open < hours.Close ? closeDay : closeDay.AddDays(-1);
        return LocalToUtc(openDay, hours.Open, zone);
    }

    private static DateTimeOffset LocalToUtc(DateOnly day, TimeOnly time, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
}
