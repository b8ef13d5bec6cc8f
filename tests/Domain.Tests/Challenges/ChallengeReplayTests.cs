using Crucible.Grains.Interfaces.Challenges;
using Crucible.TestSupport.Challenges;
using static Crucible.Domain.Tests.Challenges.ReplayCases;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>
/// The replay's loss rules checked by hand: one E-mini (multiplier 50, no commission unless stated) on a 50,000
/// account; every expected number is worked out in the comment beside it.
/// </summary>
public sealed class ChallengeReplayTests
{
    [Fact]
    public void DailyLoss_breach_by_a_floating_dip_that_recovers_within_a_millisecond_still_fails()
    {
        var rules = Rules() with { DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 2_000m, BreachSeverity.Hard) };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m, commission: 2.25m);      // balance 49,997.75
        var dip = s.Tick(Minutes(2), 4960.00m, 4960.25m);       // equity 49,997.75 + (4960.00 − 5000.25) × 50 = 47,985.25 ≤ 48,000
        s.Tick(Minutes(2) + TimeSpan.FromTicks(5_000), 5000.00m, 5000.25m);

        var result = Run(rules, s);

        Assert.Equal(47_985.25m, result.Steps[dip].Equity);
        Assert.Equal(new ReplayVerdict(PhaseStatus.Failed, T0 + Minutes(2), "dailyLoss", dip), result.Verdict);
    }

    [Theory]
    [InlineData(BreachComparison.AtOrBelow, PhaseStatus.Failed)]
    [InlineData(BreachComparison.Below, PhaseStatus.Active)]
    public void OverallLoss_equity_exactly_on_the_floor_breaches_only_at_or_below(BreachComparison when, PhaseStatus expected)
    {
        var rules = Rules() with
        {
            BreachWhen = when,
            OverallLoss = new OverallLossRule(DrawdownMode.Static, 2_000m, LockMode.None, 0m),
        };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m);
        var touch = s.Tick(Minutes(2), 4960.25m, 4960.50m);    // equity 50,000 + (4960.25 − 5000.25) × 50 = 48,000 = floor

        var result = Run(rules, s);

        Assert.Equal(48_000m, result.Steps[touch].Equity);
        Assert.Equal(expected, result.Verdict.Status);
    }

    [Fact]
    public void OverallLoss_end_of_day_trailing_floor_is_frozen_intraday_and_rises_to_the_closing_balance_at_reset()
    {
        var rules = Rules() with { OverallLoss = new OverallLossRule(DrawdownMode.TrailingEndOfDay, 2_000m, LockMode.None, 0m) };
        var (script, dayOneDip, dayTwoDip) = TrailingScript();

        var result = Run(rules, script);

        // Day 1: the floor stays at 48,000 although equity peaked at 51,987.50, so the dip to 49,975 survives.
        Assert.Equal(49_975.00m, result.Steps[dayOneDip].Equity);
        // At reset the hwm becomes the closing balance 51,975 and the floor 49,975; day 2's dip to 49,962.50 fails.
        Assert.Equal(49_962.50m, result.Steps[dayTwoDip].Equity);
        Assert.Equal(new ReplayVerdict(PhaseStatus.Failed, T0 + NextMidnight + Minutes(2), "overallLoss", dayTwoDip), result.Verdict);
    }

    [Fact]
    public void OverallLoss_intraday_trailing_floor_follows_the_unrealized_peak()
    {
        var rules = Rules() with { OverallLoss = new OverallLossRule(DrawdownMode.TrailingIntraday, 2_000m, LockMode.None, 0m) };
        var (script, dayOneDip, _) = TrailingScript();

        var result = Run(rules, script);

        // Peak 51,987.50 (floor 49,987.50); the day-1 dip to 49,975 is below it.
        Assert.Equal(new ReplayVerdict(PhaseStatus.Failed, T0 + Minutes(5), "overallLoss", dayOneDip), result.Verdict);
    }

    [Fact]
    public void OverallLoss_trailing_floor_locks_at_initial()
    {
        var rules = Rules() with { OverallLoss = new OverallLossRule(DrawdownMode.TrailingIntraday, 2_000m, LockMode.Initial, 0m) };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m);
        s.Tick(Minutes(2), 5060.25m, 5060.50m);                 // peak 53,000: floor min(51,000, 50,000) = 50,000
        var touch = s.Tick(Minutes(3), 5000.25m, 5000.50m);     // equity 50,000 ≤ 50,000

        Assert.Equal(new ReplayVerdict(PhaseStatus.Failed, T0 + Minutes(3), "overallLoss", touch), Run(rules, s).Verdict);
    }

    [Fact]
    public void Soft_daily_breach_flattens_at_the_marks_ignores_fills_until_the_reset_and_the_phase_goes_on()
    {
        var rules = Rules() with { DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 1_000m, BreachSeverity.Soft) };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 2, 5000.25m);
        var breach = s.Tick(Minutes(2), 4990.00m, 4990.25m);    // equity 50,000 + (4990 − 5000.25) × 100 = 48,975 ≤ 49,000
        var after = s.Tick(Minutes(3), 5010.00m, 5010.25m);     // flat since the breach: 48,975 both
        var refused = s.Sell(Minutes(4), 2, 5010.00m);
        var reset = s.Clock(NextMidnight);
        var allowed = s.Buy(NextMidnight + Minutes(1), 1, 5010.25m);

        var result = Run(rules, s);

        Assert.True(result.Steps[breach].HasOpenPositions);
        Assert.True(result.Steps[breach].TradingBlocked);
        Assert.Equal((48_975m, 48_975m, false), (result.Steps[after].Balance, result.Steps[after].Equity, result.Steps[after].HasOpenPositions));
        Assert.Equal(ObservationCause.Clock, result.Steps[refused].Cause);
        Assert.Equal(48_975m, result.Steps[refused].Balance);
        Assert.False(result.Steps[reset].TradingBlocked);
        Assert.Equal(ObservationCause.Fill, result.Steps[allowed].Cause);
        Assert.True(result.Steps[allowed].HasOpenPositions);
        Assert.Equal(new ReplayVerdict(PhaseStatus.Active, null, null, null), result.Verdict);
    }

    [Theory]
    [InlineData(DailyLossAnchor.Balance, LimitBasis.Amount, 1_000.0, PhaseStatus.Active)]     // floor 50,000 − 1,000 = 49,000
    [InlineData(DailyLossAnchor.DayPnl, LimitBasis.Amount, 1_000.0, PhaseStatus.Active)]      // day P&L +975 > −1,000
    [InlineData(DailyLossAnchor.Equity, LimitBasis.Amount, 1_000.0, PhaseStatus.Failed)]      // floor 51,987.50 − 1,000 = 50,987.50
    [InlineData(DailyLossAnchor.Max, LimitBasis.PercentOfInitial, 2.0, PhaseStatus.Failed)]   // floor 51,987.50 − 2 % × 50,000
    [InlineData(DailyLossAnchor.Equity, LimitBasis.PercentOfAnchor, 2.0, PhaseStatus.Active)]  // 2 %: floor 51,987.50 − 1,039.75 = 50,947.75
    public void DailyLoss_anchor_is_retaken_at_reset_so_a_position_held_overnight_can_breach_the_next_day(
        DailyLossAnchor anchor, LimitBasis basis, double limit, PhaseStatus expected)
    {
        var rules = Rules() with { DailyLoss = new DailyLossRule(anchor, basis, (decimal)limit, BreachSeverity.Hard) };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m);
        s.Tick(Minutes(2), 5040.00m, 5040.25m);                 // equity 51,987.50 overnight
        var reset = s.Clock(NextMidnight);                       // B₀ 50,000, E₀ 51,987.50
        var next = s.Tick(NextMidnight + Minutes(1), 5019.75m, 5020.00m); // equity 50,000 + 19.50 × 50 = 50,975

        var result = Run(rules, s);

        Assert.Equal((50_000m, 51_987.50m), (result.Steps[reset].Balance, result.Steps[reset].Equity));
        Assert.Equal(50_975m, result.Steps[next].Equity);
        Assert.Equal(expected, result.Verdict.Status);
        Assert.Equal(expected == PhaseStatus.Failed ? next : (int?)null, result.Verdict.EndingEventIndex);
    }

    [Theory]
    [InlineData(DrawdownMode.TrailingIntraday, PhaseStatus.Failed)]      // peak 51,987.50: floor 49,987.50
    [InlineData(DrawdownMode.TrailingClosedBalance, PhaseStatus.Active)] // nothing closed above 50,000: floor 48,000
    public void OverallLoss_closed_balance_trailing_floor_ignores_an_unrealized_peak(DrawdownMode mode, PhaseStatus expected)
    {
        var rules = Rules() with { OverallLoss = new OverallLossRule(mode, 2_000m, LockMode.None, 0m) };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m);
        s.Tick(Minutes(2), 5040.00m, 5040.25m);                  // equity 51,987.50
        s.Tick(Minutes(3), 4990.25m, 4990.50m);                  // equity 49,500
        s.Sell(Minutes(4), 1, 4990.25m);                          // balance 49,500

        Assert.Equal(expected, Run(rules, s).Verdict.Status);
    }

    [Theory]
    [InlineData(0, PhaseStatus.Failed, "overallLoss")]   // at the deadline instant: the hard breach wins
    [InlineData(1, PhaseStatus.Expired, "timeLimit")]    // a tick after it: the phase had already expired
    public void A_hard_breach_at_the_time_limit_instant_fails_one_after_it_comes_too_late(int ticksLate, PhaseStatus status, string endedBy)
    {
        var rules = Rules() with
        {
            TimeLimitDays = 2,
            OverallLoss = new OverallLossRule(DrawdownMode.Static, 2_000m, LockMode.None, 0m),
        };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m);
        var at = TimeSpan.FromDays(2) + TimeSpan.FromTicks(ticksLate);
        var touch = s.Tick(at, 4960.25m, 4960.50m);             // equity 48,000 = floor

        Assert.Equal(new ReplayVerdict(status, T0 + at, endedBy, touch), Run(rules, s).Verdict);
    }

    [Theory]
    [InlineData("2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")] // 02:30 is skipped: the reset is at 03:00 CEST, when the gap ends
    [InlineData("2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z")] // 02:30 happens twice: the first time, 02:30 CEST
    public void Plan_resets_across_dst_take_the_first_instant_the_wall_clock_shows_the_reset_time(string after, string expected)
    {
        var resets = new PlanResets("Europe/Prague", new TimeOnly(2, 30));
        var at = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(at, resets.After(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(at, resets.AtOrBefore(at));
    }

    [Fact]
    public void Soft_breach_observation_never_passes_its_liquidation_with_the_flat_account_may()
    {
        var rules = Rules() with
        {
            ProfitTarget = 1_000m,
            MinTrades = 2,
            DailyLoss = new DailyLossRule(DailyLossAnchor.Equity, LimitBasis.Amount, 1_000m, BreachSeverity.Soft),
        };
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 2, 5000.25m);
        s.Tick(Minutes(2), 5100.00m, 5100.25m);
        s.Clock(NextMidnight);                                    // E₀ = 50,000 + 99.75 × 100 = 59,975: floor 58,975
        s.Tick(NextMidnight + Minutes(1), 5095.00m, 5095.25m);    // equity 59,475
        // A sale below the bid: +79.75 × 50 = 3,987.50 closed (balance 53,987.50, trades 2) but the other contract,
        // marked at 5,095, leaves equity 53,987.50 + 94.75 × 50 = 58,725 ≤ 58,975: a soft breach, not a pass. The
        // flatten closes it at 5,095 (balance 58,725, flat): that liquidation observation, at the same instant, passes.
        var breach = s.Sell(NextMidnight + Minutes(2), 1, 5080.00m);
        s.Tick(NextMidnight + Minutes(3), 5096.00m, 5096.25m);

        var result = Run(rules, s);

        Assert.Equal(PhaseStatus.Passed, result.Steps[breach].Status);
        Assert.Equal((53_987.50m, 58_725m, true), (result.Steps[breach].Balance, result.Steps[breach].Equity, result.Steps[breach].HasOpenPositions));
        Assert.Equal([(58_725m, 58_725m, false)], result.Steps[breach].Liquidations);
        Assert.Equal(new ReplayVerdict(PhaseStatus.Passed, T0 + NextMidnight + Minutes(2), null, breach), result.Verdict);
    }

    /// <summary>
    /// Day 1: +1,987.50 closed (peak equity 51,987.50), then a long from 5,040.25 dips to 5,000 (equity 49,975) and
    /// closes flat at 5,040 (−12.50): closing balance 51,975. Day 2: a long from 5,040.25 dips to 5,000: 49,962.50.
    /// </summary>
    private static (ReplayScript Script, int DayOneDip, int DayTwoDip) TrailingScript()
    {
        var s = new ReplayScript(T0);
        s.Tick(Minutes(0), 5000.00m, 5000.25m);
        s.Buy(Minutes(1), 1, 5000.25m);
        s.Tick(Minutes(2), 5040.00m, 5040.25m);
        s.Sell(Minutes(3), 1, 5040.00m);                          // +1,987.50: balance 51,987.50
        s.Buy(Minutes(4), 1, 5040.25m);
        var dayOneDip = s.Tick(Minutes(5), 5000.00m, 5000.25m);  // 51,987.50 − 2,012.50 = 49,975
        s.Tick(Minutes(6), 5040.00m, 5040.25m);
        s.Sell(Minutes(7), 1, 5040.00m);                          // −12.50: balance 51,975
        s.Clock(NextMidnight);
        s.Buy(NextMidnight + Minutes(1), 1, 5040.25m);
        var dayTwoDip = s.Tick(NextMidnight + Minutes(2), 5000.00m, 5000.25m); // 51,975 − 2,012.50 = 49,962.50
        return (s, dayOneDip, dayTwoDip);
    }
}
