using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Alpaca's clock and calendar describe the US equity session. Ours come from the catalog's first equity's trading
/// hours (or 09:30–16:00 New York, Monday to Friday, when the catalog has none). Holidays and early closes are not
/// modelled: every listed weekday is a full session.
/// </summary>
public static class AlpacaClock
{
    public static TradingHours DefaultHours { get; } = new("America/New_York", new TimeOnly(9, 30), new TimeOnly(16, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    public static TradingHours HoursOf(IEnumerable<InstrumentSpec> catalog) =>
        catalog.FirstOrDefault(s => s.Kind == InstrumentKind.Equity && s.Hours is not null)?.Hours ?? DefaultHours;

    public sealed record Clock(string Timestamp, bool IsOpen, string NextOpen, string NextClose);

    public sealed record CalendarDay(string Date, string Open, string Close, string SessionOpen, string SessionClose, string SettlementDate);

    public static Clock At(TradingHours hours, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        var sessions = Sessions(hours, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddDays(-1), 16).ToList();
        var open = sessions.Any(s => s.Open <= now && now < s.Close);
        var nextOpen = sessions.First(s => s.Open > now).Open;
        var nextClose = sessions.First(s => s.Close > now).Close;
        return new Clock(Local(now, zone), open, Local(nextOpen, zone), Local(nextClose, zone));
    }

    public static IEnumerable<CalendarDay> Calendar(TradingHours hours, DateOnly start, DateOnly end)
    {
        for (var day = start; day <= end; day = day.AddDays(1))
            if (hours.Days.Contains(day.DayOfWeek))
                yield return new CalendarDay(day.ToString("yyyy-MM-dd"), hours.Open.ToString("HH:mm"), hours.Close.ToString("HH:mm"),
                    "0400", "2000", NextWeekday(day, hours).ToString("yyyy-MM-dd"));
    }

    /// <summary>The sessions starting on <paramref name="days"/> days from <paramref name="from"/>, as instants.</summary>
    public static IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> Sessions(TradingHours hours, DateOnly from, int days)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        for (var day = from; day < from.AddDays(days); day = day.AddDays(1))
        {
            if (!hours.Days.Contains(day.DayOfWeek)) continue;
            var closeDay = hours.Open < hours.Close ? day : day.AddDays(1);
            yield return (Instant(zone, day.ToDateTime(hours.Open)), Instant(zone, closeDay.ToDateTime(hours.Close)));
        }
    }

    private static DateOnly NextWeekday(DateOnly day, TradingHours hours)
    {
        var next = day.AddDays(1);
        while (!hours.Days.Contains(next.DayOfWeek)) next = next.AddDays(1);
        return next;
    }

    private static DateTimeOffset Instant(TimeZoneInfo zone, DateTime local)
    {
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>RFC 3339 in the exchange's zone, as Alpaca's clock writes it ("2024-01-02T09:30:00-05:00").</summary>
    private static string Local(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
}
