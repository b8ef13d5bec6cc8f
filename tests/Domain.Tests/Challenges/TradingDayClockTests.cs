using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges;

public sealed class TradingDayClockTests
{
    private static DateTimeOffset At(string utc) => PhaseDriver.At(utc);

    [Theory]
    // Prague springs forward at 02:00 on 2026-03-29: the day of the 29th starts 00:00 CET (23:00Z on the 28th)
    // and ends 00:00 CEST (22:00Z on the 29th): 23 hours.
    [InlineData("Europe/Prague", 0, "2026-03-29T10:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")]
    [InlineData("Europe/Prague", 0, "2026-03-29T21:59:59.999Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")]
    [InlineData("Europe/Prague", 0, "2026-03-29T22:00:00Z", "2026-03-29T22:00:00Z", "2026-03-30T22:00:00Z")]
    // Chicago springs forward on 2026-03-08: 17:00 CST on the 7th is 23:00Z, 17:00 CDT on the 8th is 22:00Z.
    [InlineData("America/Chicago", 17, "2026-03-08T12:00:00Z", "2026-03-07T23:00:00Z", "2026-03-08T22:00:00Z")]
    [InlineData("America/Chicago", 17, "2026-03-08T22:00:00Z", "2026-03-08T22:00:00Z", "2026-03-09T22:00:00Z")]
    // Chicago falls back on 2026-11-01: that day runs 25 hours, 22:00Z on Oct 31 to 23:00Z on Nov 1.
    [InlineData("America/Chicago", 17, "2026-11-01T22:30:00Z", "2026-10-31T22:00:00Z", "2026-11-01T23:00:00Z")]
    [InlineData("America/Chicago", 17, "2026-11-01T23:00:00Z", "2026-11-01T23:00:00Z", "2026-11-02T23:00:00Z")]
    public void A_trading_day_runs_from_wall_clock_reset_to_reset_across_dst(
        string zone, int hour, string time, string dayStart, string nextReset)
    {
        var clock = new TradingDayClock(zone, new TimeOnly(hour, 0));
        Assert.Equal(At(dayStart), clock.DayStart(At(time)));
        Assert.Equal(At(nextReset), clock.NextReset(At(time)));
    }

    [Fact]
    public void A_reset_time_skipped_by_spring_forward_happens_at_the_first_instant_after_the_gap()
    {
        // 02:30 does not exist in Prague on 2026-03-29 (02:00 CET → 03:00 CEST): the reset is 03:00 CEST = 01:00Z.
        var clock = new TradingDayClock("Europe/Prague", new TimeOnly(2, 30));
        Assert.Equal(At("2026-03-29T01:00:00Z"), clock.ResetOn(new DateOnly(2026, 3, 29)));
        Assert.Equal(At("2026-03-30T00:30:00Z"), clock.NextReset(At("2026-03-29T01:00:00Z")));
    }

    [Fact]
    public void A_reset_time_repeated_by_fall_back_happens_at_its_first_occurrence()
    {
        // 02:30 happens twice in Prague on 2026-10-25: first under CEST (00:30Z), then under CET (01:30Z).
        var clock = new TradingDayClock("Europe/Prague", new TimeOnly(2, 30));
        Assert.Equal(At("2026-10-25T00:30:00Z"), clock.ResetOn(new DateOnly(2026, 10, 25)));
        Assert.Equal(At("2026-10-25T00:30:00Z"), clock.DayStart(At("2026-10-25T01:30:00Z")));
    }

    [Fact]
    public void DailyLoss_anchor_is_retaken_at_midnight_prague_on_the_23_hour_day()
    {
        var rules = Phases.Bare() with
        {
            DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.PercentOfInitial, 5m, BreachSeverity.Hard),
        };
        var d = new PhaseDriver(rules, 100_000m, "2026-03-29T08:00:00Z");
        d.Fill("2026-03-29T12:00:00Z", -4_000m);                      // balance 96,000; today's floor stays 95,000
        Assert.Equal(PhaseDriver.At("2026-03-29T22:00:00Z"), d.Engine.NextReset(PhaseDriver.At("2026-03-29T12:00:00Z")));

        var before = d.Clock("2026-03-29T21:59:59.999Z");             // 23:59:59.999 CEST: still the 29th
        var reset = d.Clock("2026-03-29T22:00:00Z");                   // 00:00 CEST on the 30th: B₀ = 96,000
        d.Tick("2026-03-29T22:30:00Z", 91_000.01m);                    // floor 91,000

        Assert.DoesNotContain(before, e => e.Kind == RuleEventKind.DayRolledOver);
        Assert.Contains(reset, e => e.Kind == RuleEventKind.DayRolledOver);
        Assert.Contains(reset, e => e.Rule == "dailyLoss" && e.Limit == 91_000m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
    }

    [Fact]
    public void DailyLoss_day_in_chicago_lasts_25_hours_when_the_clocks_fall_back()
    {
        var rules = Phases.Bare("America/Chicago", 17) with
        {
            DailyLoss = new DailyLossRule(DailyLossAnchor.DayPnl, LimitBasis.Amount, 1_000m, BreachSeverity.Hard),
        };
        var d = new PhaseDriver(rules, 50_000m, "2026-10-31T22:00:00Z"); // 17:00 CDT on Oct 31: a reset
        d.Fill("2026-11-01T15:00:00Z", 2_000m);                        // balance 52,000, floor still 49,000
        var late = d.Tick("2026-11-01T22:30:00Z", 51_500m);             // 16:30 CST: the same day (a naive −5 h would roll at 22:00Z)
        var reset = d.Clock("2026-11-01T23:00:00Z");                   // 17:00 CST: B₀ = 52,000 (the closing balance)
        d.Tick("2026-11-02T15:00:00Z", 51_000m);                        // equity − B₀ = −1,000: breach

        Assert.Empty(late);
        Assert.Contains(reset, e => e.Kind == RuleEventKind.DayRolledOver && e.Measured == 52_000m);
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
        Assert.Equal(PhaseDriver.At("2026-11-02T15:00:00Z"), d.Engine.EndedAt);
    }

    [Fact]
    public void DailyLoss_anchor_is_retaken_at_17_chicago_daylight_time_on_the_23_hour_day()
    {
        var rules = Phases.Bare("America/Chicago", 17) with
        {
            DailyLoss = new DailyLossRule(DailyLossAnchor.DayPnl, LimitBasis.Amount, 1_000m, BreachSeverity.Hard),
        };
        var d = new PhaseDriver(rules, 50_000m, "2026-03-06T23:00:00Z");   // Friday 17:00 CST
        d.Clock("2026-03-07T23:00:00Z");                                // Saturday 17:00 CST: B₀ 50,000
        d.Fill("2026-03-08T15:00:00Z", -500m);                          // balance 49,500; day floor 49,000
        // 17:00 CDT on March 8 is 22:00Z. The first observation after it opens the new day: B₀ = 49,500,
        // floor 48,500, so 48,600 holds (under the old day's floor, 49,000, it would have failed).
        var late = d.Tick("2026-03-08T22:30:00Z", 48_600m);

        Assert.Contains(late, e => e.Kind == RuleEventKind.DayRolledOver && e.Limit == 49_500m);
        Assert.Contains(late, e => e.Rule == "dailyLoss" && e.Kind == RuleEventKind.FloorMoved && e.Limit == 48_500m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
    }
}
