using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges;

public sealed class DailyLossTests
{
    // FTMO-style: 100k, 5% of initial on the balance anchor, 00:00 Europe/Prague.
    private static readonly PhaseRules Ftmo = Phases.Bare() with
    {
        DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.PercentOfInitial, 5m, BreachSeverity.Hard),
    };

    [Fact]
    public void DailyLoss_breach_by_floating_loss_that_recovers_before_the_close_still_fails()
    {
        var d = new PhaseDriver(Ftmo, 100_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T10:00:00Z", 96_000m);
        var breach = d.Tick("2026-01-05T10:00:01Z", 94_999.99m); // floor 100,000 − 5,000 = 95,000
        d.Tick("2026-01-05T10:00:02Z", 101_000m);
        d.Clock("2026-01-05T23:00:00Z");

        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
        Assert.Equal("dailyLoss", d.Engine.EndedBy);
        Assert.Equal(PhaseDriver.At("2026-01-05T10:00:01Z"), d.Engine.EndedAt);
        var e = Assert.Single(breach);
        Assert.Equal((RuleEventKind.Breach, 94_999.99m, 95_000m, ObservationCause.Tick, "ES"), (e.Kind, e.Measured, e.Limit, e.Cause, e.Symbol));
    }

    [Fact]
    public void DailyLoss_dip_and_recover_one_millisecond_apart_fails_at_the_dip()
    {
        var d = new PhaseDriver(Ftmo, 100_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T10:00:00.000Z", 94_900m);
        d.Tick("2026-01-05T10:00:00.001Z", 99_000m);

        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
        Assert.Equal(PhaseDriver.At("2026-01-05T10:00:00.000Z"), d.Engine.EndedAt);
    }

    [Theory]
    [InlineData(BreachComparison.AtOrBelow, 95_000.00, true)]
    [InlineData(BreachComparison.AtOrBelow, 95_000.01, false)]
    [InlineData(BreachComparison.Below, 95_000.00, false)]
    [InlineData(BreachComparison.Below, 94_999.99, true)]
    public void DailyLoss_breach_comparison_at_exactly_the_floor(BreachComparison when, double equity, bool fails)
    {
        var d = new PhaseDriver(Ftmo with { BreachWhen = when }, 100_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T10:00:00Z", (decimal)equity);
        Assert.Equal(fails ? PhaseStatus.Failed : PhaseStatus.Active, d.Engine.Status);
    }

    [Fact]
    public void DailyLoss_balance_anchor_is_retaken_at_reset_so_an_overnight_floating_loss_can_breach_next_day()
    {
        var d = new PhaseDriver(Ftmo, 100_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 2_000m);                       // balance 102,000
        d.Tick("2026-01-05T22:00:00Z", 99_000m);                      // floating −3,000: floor today 95,000
        var rollover = d.Clock("2026-01-05T23:00:00Z");              // 00:00 Prague (CET): B₀ = 102,000
        d.Tick("2026-01-06T09:00:00Z", 97_000m);                      // floor 102,000 − 5,000 = 97,000

        Assert.Contains(rollover, e => e.Kind == RuleEventKind.DayRolledOver && e.Measured == 102_000m);
        Assert.Contains(rollover, e => e.Rule == "dailyLoss" && e.Kind == RuleEventKind.FloorMoved && e.Limit == 97_000m);
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
        Assert.Equal(PhaseDriver.At("2026-01-06T09:00:00Z"), d.Engine.EndedAt);
    }

    [Fact]
    public void DailyLoss_equity_anchor_takes_the_floating_loss_at_reset_into_the_day_start()
    {
        var rules = Ftmo with { DailyLoss = Ftmo.DailyLoss! with { Anchor = DailyLossAnchor.Equity } };
        var d = new PhaseDriver(rules, 100_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T22:00:00Z", 97_000m);
        d.Clock("2026-01-05T23:00:00Z");                              // E₀ = 97,000: floor 92,000
        d.Tick("2026-01-06T09:00:00Z", 92_000.01m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Tick("2026-01-06T09:00:01Z", 92_000m);
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
    }

    [Fact]
    public void DailyLoss_max_anchor_with_percent_of_anchor_uses_the_larger_of_balance_and_equity()
    {
        // The5%ers High Stakes: 5% of max(B₀, E₀). B₀ 100,000, E₀ 102,000 → floor 102,000 − 5,100 = 96,900.
        var rules = Phases.Bare("America/New_York", 17) with
        {
            DailyLoss = new DailyLossRule(DailyLossAnchor.Max, LimitBasis.PercentOfAnchor, 5m, BreachSeverity.Hard),
        };
        var d = new PhaseDriver(rules, 100_000m, "2026-01-05T15:00:00Z");
        d.Tick("2026-01-05T21:59:00Z", 102_000m);
        d.Clock("2026-01-05T22:00:00Z");                              // 17:00 New York (EST)
        d.Tick("2026-01-06T15:00:00Z", 96_900.01m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Tick("2026-01-06T15:00:01Z", 96_900m);
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
    }

    [Fact]
    public void DailyLoss_amount_limit_on_day_pnl_soft_blocks_trading_until_the_next_reset_then_resumes()
    {
        // Topstep-style: $1,000 on day P&L, soft, 17:00 America/Chicago (CST in January: 23:00Z).
        var rules = Phases.Bare("America/Chicago", 17) with
        {
            DailyLoss = new DailyLossRule(DailyLossAnchor.DayPnl, LimitBasis.Amount, 1_000m, BreachSeverity.Soft),
        };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T15:00:00Z");
        var breach = d.Tick("2026-01-05T16:00:00Z", 49_000m);        // equity − B₀ = −1,000
        d.Fill("2026-01-05T16:00:01Z", -1_000m);                      // flattened at market
        var again = d.Tick("2026-01-05T18:00:00Z", 48_900m);

        Assert.Equal(RuleEventKind.SoftBreach, Assert.Single(breach).Kind);
        Assert.Empty(again);                                           // recorded once while blocked
        Assert.True(d.Engine.TradingBlocked);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);

        d.Clock("2026-01-05T22:59:59Z");
        Assert.True(d.Engine.TradingBlocked);
        var reset = d.Clock("2026-01-05T23:00:00Z");
        Assert.False(d.Engine.TradingBlocked);
        Assert.Contains(reset, e => e.Kind == RuleEventKind.TradingResumed);
        Assert.Contains(reset, e => e.Rule == "dailyLoss" && e.Kind == RuleEventKind.FloorMoved && e.Limit == 48_000m);
        Assert.Null(d.Engine.EndedAt);
    }

    [Fact]
    public void DailyLoss_percent_of_initial_is_a_fixed_amount_whatever_the_anchor()
    {
        var d = new PhaseDriver(Ftmo, 100_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 10_000m);
        d.Clock("2026-01-05T23:00:00Z");                              // B₀ 110,000: floor 110,000 − 5,000
        d.Tick("2026-01-06T09:00:00Z", 105_000.01m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Tick("2026-01-06T09:00:01Z", 105_000m);
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
    }

    [Fact]
    public void A_failed_phase_ignores_every_later_observation()
    {
        var d = new PhaseDriver(Ftmo, 100_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T10:00:00Z", 90_000m);
        Assert.Empty(d.Fill("2026-01-05T10:00:01Z", 20_000m));
        Assert.Empty(d.Clock("2026-01-06T23:00:00Z"));
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
    }
}
