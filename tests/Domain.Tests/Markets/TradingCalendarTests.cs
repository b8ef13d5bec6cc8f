using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets;

namespace Crucible.Domain.Tests.Markets;

public sealed class TradingCalendarTests
{
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly TradingHours NewYorkStocks = new("America/New_York", new(9, 30), new(16, 0), Weekdays);

    // CME Globex style: sessions start Sunday to Thursday at 17:00 Chicago and run to 16:00 the next day.
    private static readonly TradingHours ChicagoFutures = new("America/Chicago", new(17, 0), new(16, 0),
        [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]);

    private static bool Open(TradingHours? hours, string utc) => TradingCalendar.IsOpen(hours, DateTimeOffset.Parse(utc));

    [Theory]
    // Friday 2026-03-06 is still EST (UTC−5): the open is 14:30Z.
    [InlineData("2026-03-06T14:29:59Z", false)]
    [InlineData("2026-03-06T14:30:00Z", true)]
    [InlineData("2026-03-06T20:59:59Z", true)]
    [InlineData("2026-03-06T21:00:00Z", false)]
    // DST starts Sunday 2026-03-08; from Monday the open is 13:30Z (EDT, UTC−4) and the close 20:00Z.
    [InlineData("2026-03-09T13:29:59Z", false)]
    [InlineData("2026-03-09T13:30:00Z", true)]
    [InlineData("2026-03-09T14:29:00Z", true)]
    [InlineData("2026-03-09T19:59:59Z", true)]
    [InlineData("2026-03-09T20:00:00Z", false)]
    [InlineData("2026-03-09T20:30:00Z", false)]
    // Weekend: closed even during session hours.
    [InlineData("2026-03-07T15:00:00Z", false)]
    [InlineData("2026-03-08T15:00:00Z", false)]
    public void Equity_session_follows_new_york_wall_clock_across_the_dst_change(string utc, bool expected) =>
        Assert.Equal(expected, Open(NewYorkStocks, utc));

    [Theory]
    // January: Chicago is CST (UTC−6). 2026-01-04 is a Sunday.
    [InlineData("2026-01-04T22:59:59Z", false)]   // Sunday 16:59 CT: before the week's first session
    [InlineData("2026-01-04T23:00:00Z", true)]    // Sunday 17:00 CT: opens
    [InlineData("2026-01-05T12:00:00Z", true)]    // Monday 06:00 CT: overnight part of Sunday's session
    [InlineData("2026-01-05T21:59:59Z", true)]    // Monday 15:59 CT
    [InlineData("2026-01-05T22:00:00Z", false)]   // Monday 16:00 CT: daily maintenance break
    [InlineData("2026-01-05T23:00:00Z", true)]    // Monday 17:00 CT: Monday's session opens
    [InlineData("2026-01-09T21:00:00Z", true)]    // Friday 15:00 CT: Thursday's session still running
    [InlineData("2026-01-09T22:00:00Z", false)]   // Friday 16:00 CT: closed for the weekend
    [InlineData("2026-01-09T23:30:00Z", false)]   // Friday 17:30 CT: Friday starts no session
    [InlineData("2026-01-10T18:00:00Z", false)]   // Saturday
    public void Overnight_futures_session_starts_on_listed_days_and_runs_into_the_next(string utc, bool expected) =>
        Assert.Equal(expected, Open(ChicagoFutures, utc));

    [Fact]
    public void Without_hours_the_market_never_closes() =>
        Assert.True(Open(null, "2026-01-10T03:00:00Z"));

    [Fact]
    public void Midnight_to_midnight_trades_the_whole_listed_day()
    {
        var weekdaysAllDay = new TradingHours("Europe/London", new(0, 0), new(0, 0), Weekdays);
        Assert.True(Open(weekdaysAllDay, "2026-01-05T00:00:00Z"));
        Assert.True(Open(weekdaysAllDay, "2026-01-09T23:59:59Z"));
        Assert.False(Open(weekdaysAllDay, "2026-01-10T00:00:00Z"));
    }

    private static readonly TradingHours ForexWeek = new("America/New_York", new(17, 0), new(17, 0),
        [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]);

    [Theory]
    [InlineData("2026-01-09T21:59:59Z", true)]   // Friday 16:59:59 New York (EST, UTC−5)
    [InlineData("2026-01-09T22:00:00Z", false)]  // Friday 17:00: the week closes
    [InlineData("2026-01-10T15:00:00Z", false)]  // Saturday
    [InlineData("2026-01-11T21:59:59Z", false)]  // Sunday 16:59:59
    [InlineData("2026-01-11T22:00:00Z", true)]   // Sunday 17:00: the week opens
    [InlineData("2026-01-14T22:00:00Z", true)]   // Wednesday 17:00: one 24-hour session hands over to the next
    [InlineData("2026-07-10T20:59:59Z", true)]   // Friday 16:59:59 EDT (UTC−4)
    [InlineData("2026-07-10T21:00:00Z", false)]  // Friday 17:00 EDT
    public void Equal_open_and_close_is_a_24_hour_session_so_forex_trades_24_5(string utc, bool expected) =>
        Assert.Equal(expected, Open(ForexWeek, utc));
}

public sealed class TradingCalendarSessionEndTests
{
    private static readonly TradingHours NewYorkStocks = new("America/New_York", new(9, 30), new(16, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    private static readonly TradingHours ChicagoFutures = new("America/Chicago", new(17, 0), new(16, 0),
        [DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday]);

    [Theory]
    [InlineData("2026-01-05T15:00:00Z", "2026-01-05T21:00:00Z")] // Monday in session: 16:00 EST
    [InlineData("2026-01-05T12:00:00Z", "2026-01-05T21:00:00Z")] // before the open: that day's session
    [InlineData("2026-01-05T21:00:00Z", "2026-01-06T21:00:00Z")] // at the close: the next session
    [InlineData("2026-03-06T22:00:00Z", "2026-03-09T20:00:00Z")] // Friday after close, DST on Sunday: Monday 16:00 EDT
    [InlineData("2026-10-30T21:00:00Z", "2026-11-02T21:00:00Z")] // Friday 17:00 EDT, DST ends Sunday: Monday 16:00 EST
    public void Equity_day_ends_at_the_new_york_close_of_the_current_or_next_session(string at, string end) =>
        Assert.Equal(DateTimeOffset.Parse(end), TradingCalendar.SessionEnd(NewYorkStocks, DateTimeOffset.Parse(at)));

    [Theory]
    [InlineData("2026-01-05T00:00:00Z", "2026-01-05T22:00:00Z")] // Sunday 18:00 CST: Sunday's session ends Monday 16:00
    [InlineData("2026-01-05T22:30:00Z", "2026-01-06T22:00:00Z")] // Monday 16:30 CST, maintenance break: Monday's session
    [InlineData("2026-01-09T22:30:00Z", "2026-01-12T22:00:00Z")] // Friday after close: Sunday's session ends Monday
    [InlineData("2026-03-08T23:00:00Z", "2026-03-09T21:00:00Z")] // Sunday 18:00 CDT, the day DST starts: Monday 16:00 CDT
    public void Futures_day_ends_at_the_chicago_close_of_the_overnight_session(string at, string end) =>
        Assert.Equal(DateTimeOffset.Parse(end), TradingCalendar.SessionEnd(ChicagoFutures, DateTimeOffset.Parse(at)));

    [Theory]
    [InlineData("2026-01-05T15:00:00Z", "2026-01-06T00:00:00Z")]
    [InlineData("2026-01-05T00:00:00Z", "2026-01-06T00:00:00Z")]
    public void Without_hours_the_day_ends_at_the_next_midnight_utc(string at, string end) =>
        Assert.Equal(DateTimeOffset.Parse(end), TradingCalendar.SessionEnd(null, DateTimeOffset.Parse(at)));
}
