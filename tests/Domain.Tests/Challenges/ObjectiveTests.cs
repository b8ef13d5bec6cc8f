using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges;

public sealed class ObjectiveTests
{
    // Days below are Prague days (reset 00:00 CET = 23:00Z in January).
    private static readonly PhaseRules Target3000 = Phases.Bare() with { ProfitTarget = 3_000m };

    [Fact]
    public void ProfitTarget_counts_closed_balance_only_not_floating_profit()
    {
        var d = new PhaseDriver(Target3000, 50_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T09:00:00Z", 60_000m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Fill("2026-01-05T09:01:00Z", 2_999.99m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        var pass = d.Fill("2026-01-05T09:02:00Z", 0.01m);              // balance 53,000 = initial + target

        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
        Assert.Equal(PhaseDriver.At("2026-01-05T09:02:00Z"), d.Engine.EndedAt);
        Assert.Null(d.Engine.EndedBy);
        Assert.Equal(RuleEventKind.Passed, pass[^1].Kind);
    }

    [Fact]
    public void ProfitTarget_with_require_flat_waits_until_no_position_is_open()
    {
        var d = new PhaseDriver(Target3000 with { RequireFlatToPass = true }, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 3_500m, openAfter: true, floating: 100m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Fill("2026-01-05T09:05:00Z", 100m);
        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
    }

    [Fact]
    public void A_phase_without_a_profit_target_never_passes()
    {
        var d = new PhaseDriver(Phases.Bare() with { MinTrades = 1 }, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 10_000m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
    }

    [Fact]
    public void MinTradingDays_with_any_fill_counts_plan_days_with_at_least_one_fill()
    {
        var d = new PhaseDriver(Target3000 with { MinTradingDays = 3 }, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 4_000m);                        // target met on day 1
        d.Fill("2026-01-05T22:59:59Z", -10m);                          // still day 1 (23:59:59 Prague)
        d.Fill("2026-01-05T23:00:00Z", -10m);                          // day 2
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Clock("2026-01-07T08:00:00Z");                               // day 3 without a fill does not count
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Fill("2026-01-08T09:00:00Z", -10m);                          // day 4 is the third trading day
        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
        Assert.Equal(PhaseDriver.At("2026-01-08T09:00:00Z"), d.Engine.EndedAt);
    }

    [Fact]
    public void MinTradingDays_with_min_profit_percent_counts_only_days_whose_closed_pnl_reaches_it()
    {
        // The5%ers High Stakes: 3 days of ≥ 0.5% of 100,000 = 500 closed P&L (Σ fillNetPnl of the day).
        var rules = Phases.Bare() with { ProfitTarget = 1_000m, MinTradingDays = 3, TradingDayMinProfitPercent = 0.5m };
        var d = new PhaseDriver(rules, 100_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 700m);
        d.Fill("2026-01-05T10:00:00Z", -250m);                         // day 1: 450 — not counted
        d.Fill("2026-01-06T09:00:00Z", 500m);                          // day 2: 500 — counted
        d.Fill("2026-01-07T09:00:00Z", 600m);                          // day 3: 600 — counted
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Fill("2026-01-08T09:00:00Z", 499.99m);                       // day 4: just short
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Fill("2026-01-08T10:00:00Z", 0.01m);                         // day 4 reaches 500
        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
    }

    [Fact]
    public void MinTrades_counts_orders_so_partial_fills_of_one_order_are_one_trade()
    {
        var d = new PhaseDriver(Target3000 with { MinTrades = 2 }, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 2_000m, orderId: "A");
        d.Fill("2026-01-05T09:00:01Z", 2_000m, orderId: "A");
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Fill("2026-01-05T09:05:00Z", 0m, orderId: "B");
        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
    }

    [Fact]
    public void Consistency_blocks_the_pass_until_the_best_day_is_below_the_share_then_clears()
    {
        // c = 0.5. Day 1 +2,000; day 2 +1,200: total 3,200, best 2,000 ≥ 0.5 × 3,200 = 1,600 → blocked,
        // shortfall 2,000 ÷ 0.5 − 3,200 = 800. Day 3 +900: total 4,100, 2,000 < 2,050 → passes.
        var rules = Target3000 with { Consistency = new ConsistencyRule(0.5m, ConsistencyMode.BlocksPass) };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 2_000m);
        var blocked = d.Fill("2026-01-06T09:00:00Z", 1_200m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        Assert.Contains(blocked, e => e.Rule == "profitTarget" && e.Kind == RuleEventKind.ObjectiveMet);
        Assert.Contains("profit still needed 800", d.Engine.LastChecks["consistency"].Message);

        d.Fill("2026-01-06T10:00:00Z", -200m);                         // day 2 nets 1,000: total 3,000, still blocked
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        var pass = d.Fill("2026-01-07T09:00:00Z", 1_100m);             // total 4,100 > 2 × 2,000
        Assert.Contains(pass, e => e.Rule == "consistency" && e.Kind == RuleEventKind.ObjectiveMet && e.Measured == 2_000m / 4_100m);
        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
    }

    [Fact]
    public void Consistency_at_exactly_the_share_still_blocks()
    {
        var rules = Target3000 with { Consistency = new ConsistencyRule(0.5m, ConsistencyMode.BlocksPass) };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 2_000m);
        d.Fill("2026-01-06T09:00:00Z", 2_000m);                        // 2,000 ÷ 4,000 = 0.5, not below 0.5
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        d.Fill("2026-01-07T09:00:00Z", 0.01m);
        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
    }

    [Fact]
    public void Consistency_raises_target_to_best_day_over_the_share()
    {
        // E8: c = 0.4. Day 1 +2,000 → effective target max(3,000, 2,000 ÷ 0.4) = 5,000.
        var rules = Target3000 with { Consistency = new ConsistencyRule(0.4m, ConsistencyMode.RaisesTarget) };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 2_000m);
        d.Fill("2026-01-06T09:00:00Z", 1_500m);                        // 3,500 ≥ 3,000 but < 5,000
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        Assert.Equal(5_000m, d.Engine.LastChecks["profitTarget"].Limit);
        d.Fill("2026-01-07T09:00:00Z", 1_499.99m);
        Assert.Equal(PhaseStatus.Active, d.Engine.Status);
        var pass = d.Fill("2026-01-07T09:00:01Z", 0.01m);              // day 3 = 1,500: best still 2,000; 5,000 reached
        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
        Assert.Equal((5_000m, 5_000m), (pass[^1].Measured, pass[^1].Limit));
    }
}
