using Crucible.Grains.Interfaces.Challenges;
using Crucible.TestSupport.Challenges;
using static Crucible.Domain.Tests.Challenges.ReplayCases;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>
/// The replay's objectives, limits and plan days checked by hand, on the same E-mini account as
/// <see cref="ChallengeReplayTests"/>.
/// </summary>
public sealed class ChallengeReplayObjectiveTests
{
    [Fact]
    public void Consistency_that_blocks_the_pass_waits_until_the_best_day_is_below_the_share()
    {
        var rules = Rules() with { ProfitTarget = 2_000m, Consistency = new ConsistencyRule(0.5m, ConsistencyMode.BlocksPass) };
        var (script, _, dayFour) = ConsistencyScript();

        // Day 1 +2,000, day 2 +500, day 3 +1,500: 2,000 ÷ 4,000 = 0.5 is not below 0.5; day 4 +50: 2,000 ÷ 4,050 < 0.5.
        Assert.Equal(
            new ReplayVerdict(PhaseStatus.Passed, T0 + 3 * TimeSpan.FromDays(1) + Minutes(2), null, dayFour),
            Run(rules, script).Verdict);
    }

    [Fact]
    public void Consistency_that_raises_the_target_passes_when_the_balance_reaches_best_day_over_the_share()
    {
        var rules = Rules() with { ProfitTarget = 2_000m, Consistency = new ConsistencyRule(0.5m, ConsistencyMode.RaisesTarget) };
        var (script, dayThree, _) = ConsistencyScript();

        // Target max(2,000, 2,000 ÷ 0.5) = 4,000, reached by day 3's close.
        Assert.Equal(
            new ReplayVerdict(PhaseStatus.Passed, T0 + 2 * TimeSpan.FromDays(1) + Minutes(2), null, dayThree),
            Run(rules, script).Verdict);
    }

    [Fact]
    public void MinTradingDays_counts_plan_days_of_the_zone_across_the_dst_change()
    {
        // Chicago moved to CDT on 8 March 2026: the 17:00 reset on Monday 9 March is at 22:00Z, not 23:00Z.
        var start = new DateTimeOffset(2026, 3, 9, 20, 0, 0, TimeSpan.Zero);
        var rules = Rules() with
        {
            TimeZone = "America/Chicago",
            ResetTime = new TimeOnly(17, 0),
            ProfitTarget = 100m,
            MinTradingDays = 2,
        };
        var s = new ReplayScript(start);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(90), 1, 5000.25m);                          // 21:30Z, 16:30 CDT: day of 8 March 17:00
        s.Tick(Minutes(100), 5010.25m, 5010.50m);
        var second = s.Sell(Minutes(150), 1, 5010.25m);           // 22:30Z, 17:30 CDT: the next day; +500

        Assert.Equal(new ReplayVerdict(PhaseStatus.Passed, start + Minutes(150), null, second), Run(rules, s).Verdict);
    }

    [Theory]
    [InlineData(2, PhaseStatus.Passed)]
    [InlineData(3, PhaseStatus.Active)]
    public void MinTrades_counts_an_order_filled_in_two_parts_once(int minTrades, PhaseStatus expected)
    {
        var rules = Rules() with { ProfitTarget = 100m, MinTrades = minTrades };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m, orderId: "entry");
        s.Buy(Minutes(1), 1, 5000.25m, orderId: "entry");
        s.Tick(Minutes(2), 5010.25m, 5010.50m);
        s.Sell(Minutes(3), 2, 5010.25m);                          // +1,000 on two orders

        Assert.Equal(expected, Run(rules, s).Verdict.Status);
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 4)]
    public void ProfitTarget_with_require_flat_waits_for_the_last_position_to_close(bool requireFlat, int passingEvent)
    {
        var rules = Rules() with { ProfitTarget = 100m, RequireFlatToPass = requireFlat };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 2, 5000.25m);
        s.Sell(Minutes(2), 1, 5010.25m);                          // +500 closed, one still open
        s.Tick(Minutes(3), 5010.25m, 5010.50m);
        s.Sell(Minutes(4), 1, 5010.25m);                          // +500, flat

        Assert.Equal(passingEvent, Run(rules, s).Verdict.EndingEventIndex);
    }

    [Theory]
    [InlineData(null, 6)]   // any day with a fill: day 2's entry (the balance is already 50,200)
    [InlineData(0.5, 13)]   // a day with ≥ 0.5% × 50,000 = 250 closed: days 2 and 3 (day 1 made 200), at day 3's close
    public void MinTradingDays_counts_days_with_a_fill_or_with_enough_closed_profit(double? minProfitPercent, int passingEvent)
    {
        var rules = Rules() with
        {
            ProfitTarget = 100m,
            MinTradingDays = 2,
            TradingDayMinProfitPercent = (decimal?)minProfitPercent,
        };
        var s = new ReplayScript(T0);
        RoundTrip(s, TimeSpan.Zero, 5000.25m, 5004.25m);                      // events 0–3: +200
        s.Clock(NextMidnight);                                                // 4
        RoundTrip(s, TimeSpan.FromDays(1), 5004.25m, 5010.25m);               // 5–8: +300
        s.Clock(NextMidnight + TimeSpan.FromDays(1));                         // 9
        RoundTrip(s, TimeSpan.FromDays(2), 5010.25m, 5016.25m);               // 10–13: +300

        Assert.Equal(passingEvent, Run(rules, s).Verdict.EndingEventIndex);
    }

    [Fact]
    public void Inactivity_expires_at_the_first_observation_a_full_period_after_the_last_fill()
    {
        var rules = Rules() with { InactivityDays = 1 };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(60), 1, 5000.25m);
        s.Tick(Minutes(60) + TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1), 5000.00m, 5000.25m);
        var late = s.Tick(Minutes(60) + TimeSpan.FromDays(1), 5000.00m, 5000.25m);

        Assert.Equal(new ReplayVerdict(PhaseStatus.Expired, T0 + Minutes(60) + TimeSpan.FromDays(1), "inactivity", late), Run(rules, s).Verdict);
    }

    [Fact]
    public void TimeLimit_expires_at_the_deadline_even_when_that_fill_would_pass()
    {
        var rules = Rules() with { TimeLimitDays = 2, ProfitTarget = 100m };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m);
        s.Tick(Minutes(2), 5010.25m, 5010.50m);
        var deadline = s.Sell(TimeSpan.FromDays(2), 1, 5010.25m);

        Assert.Equal(new ReplayVerdict(PhaseStatus.Expired, T0 + TimeSpan.FromDays(2), "timeLimit", deadline), Run(rules, s).Verdict);
    }

    [Fact]
    public void Plan_resets_follow_the_wall_clock_of_the_zone()
    {
        var chicago = new PlanResets("America/Chicago", new TimeOnly(17, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 6, 23, 0, 0, TimeSpan.Zero), chicago.After(new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 22, 0, 0, TimeSpan.Zero), chicago.After(new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 22, 0, 0, TimeSpan.Zero), chicago.AtOrBefore(new DateTimeOffset(2026, 3, 9, 21, 59, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 22, 0, 0, TimeSpan.Zero), chicago.AtOrBefore(new DateTimeOffset(2026, 3, 9, 22, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>Closed P&L by day (UTC days, a clock at each midnight): +2,000, +500, +1,500, +50.</summary>
    private static (ReplayScript Script, int DayThreeClose, int DayFourClose) ConsistencyScript()
    {
        var s = new ReplayScript(T0);
        RoundTrip(s, TimeSpan.Zero, 5000.25m, 5040.25m);                  // 40 points × 50 = +2,000
        s.Clock(NextMidnight);
        RoundTrip(s, TimeSpan.FromDays(1), 5040.25m, 5050.25m);           // +500
        s.Clock(NextMidnight + TimeSpan.FromDays(1));
        var dayThree = RoundTrip(s, TimeSpan.FromDays(2), 5050.25m, 5080.25m); // +1,500
        s.Clock(NextMidnight + TimeSpan.FromDays(2));
        var dayFour = RoundTrip(s, TimeSpan.FromDays(3), 5080.25m, 5081.25m);  // +50
        return (s, dayThree, dayFour);
    }
}
