using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets;

/// <summary>
/// Whether a weekly session is open at an instant. Sessions are defined in local wall-clock time of an
/// IANA zone, so comparing local times handles DST: 09:30 New York is 14:30Z in winter and 13:30Z in summer.
/// </summary>
public static class TradingCalendar
{
    /// <summary>True when <paramref name="hours"/> is null (24/7) or <paramref name="time"/> falls in a session.</summary>
    /// <exception cref="TimeZoneNotFoundException">The zone id is not known to the system's time zone database.</exception>
    public static bool IsOpen(TradingHours? hours, DateTimeOffset time)
    {
        if (hours is null) return true;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var local = TimeZoneInfo.ConvertTime(time, zone);
        var day = local.DayOfWeek;
        var clock = TimeOnly.FromTimeSpan(local.TimeOfDay);

        if (hours.Open < hours.Close) return hours.Days.Contains(day) && clock >= hours.Open && clock < hours.Close;

        // Overnight: a session starts on a listed day at Open and runs into the next day until Close; with
        // Open == Close it lasts 24 hours (FX: 17:00 New York, Sunday to Thursday, is the 24/5 week).
        var previousDay = (DayOfWeek)(((int)day + 6) % 7);
        return (hours.Days.Contains(day) && clock >= hours.Open) || (hours.Days.Contains(previousDay) && clock < hours.Close);
    }

    /// <summary>
    /// When a day order accepted at <paramref name="time"/> expires: the close of the session containing it, or of
    /// the next session when the market is closed. Without hours (24/7) the day ends at the next 00:00 UTC.
    /// </summary>
    public static DateTimeOffset SessionEnd(TradingHours? hours, DateTimeOffset time) =>
        hours is null ? new DateTimeOffset(time.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) : Session(hours, time).Close;

    /// <summary>
    /// The session containing <paramref name="time"/>, or the next one to open when the market is closed: its open and its
    /// close. Both are <see cref="DateTimeOffset.MaxValue"/> when no day is listed (the session never comes).
    /// </summary>
    public static (DateTimeOffset Open, DateTimeOffset Close) Session(TradingHours hours, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);

        // Sessions are ordered by their start and never overlap, so the first one ending after time either
        // contains it or is the next to open. Yesterday's overnight session may still be running.
        for (var day = today.AddDays(-1); day <= today.AddDays(8); day = day.AddDays(1))
        {
            if (!hours.Days.Contains(day.DayOfWeek)) continue;
            var closeDay = hours.Open < hours.Close ? day : day.AddDays(1);
            var end = ToInstant(zone, closeDay.ToDateTime(hours.Close));
            if (end > time) return (ToInstant(zone, day.ToDateTime(hours.Open)), end);
        }

        return (DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);
    }

    private static DateTimeOffset ToInstant(TimeZoneInfo zone, DateTime local)
    {
        // A wall-clock time skipped by a DST jump happens at the first valid minute after the gap.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
