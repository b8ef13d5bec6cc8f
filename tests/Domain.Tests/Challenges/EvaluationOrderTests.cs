using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>The readings docs/rules.md "Decisions" fixes for one observation that touches several rules.</summary>
public sealed class EvaluationOrderTests
{
    private static PhaseRules Both(BreachSeverity daily) => Phases.Bare() with
    {
        DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 5_000m, daily),
        OverallLoss = new OverallLossRule(DrawdownMode.Static, 5_000m, LockMode.None, 0m),
    };

    [Fact]
    public void When_daily_and_overall_loss_breach_together_the_phase_ends_by_daily_loss()
    {
        var d = new PhaseDriver(Both(BreachSeverity.Hard), 100_000m, "2026-01-05T08:00:00Z");
        var events = d.Tick("2026-01-05T09:00:00Z", 95_000m);             // both floors are 95,000
        Assert.Equal("dailyLoss", d.Engine.EndedBy);
        Assert.Equal("dailyLoss", Assert.Single(events).Rule);
    }

    [Fact]
    public void A_soft_daily_breach_and_a_hard_overall_breach_together_record_both_and_fail_by_overall_loss()
    {
        var d = new PhaseDriver(Both(BreachSeverity.Soft), 100_000m, "2026-01-05T08:00:00Z");
        var events = d.Tick("2026-01-05T09:00:00Z", 95_000m);
        Assert.Equal([RuleEventKind.SoftBreach, RuleEventKind.Breach], events.Select(e => e.Kind));
        Assert.Equal((PhaseStatus.Failed, "overallLoss"), (d.Engine.Status, d.Engine.EndedBy));
    }

    [Fact]
    public void The_observation_of_a_new_soft_breach_does_not_pass_the_next_one_may()
    {
        var rules = Phases.Bare() with
        {
            ProfitTarget = 1_000m,
            DailyLoss = new DailyLossRule(DailyLossAnchor.Equity, LimitBasis.Amount, 1_000m, BreachSeverity.Soft),
        };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        // Closed +2,000 (balance 52,000) but the rest of the position floats −3,000: equity 49,000 ≤ floor 49,000.
        var breach = d.Fill("2026-01-05T09:00:00Z", 2_000m, openAfter: true, floating: -3_000m);
        Assert.Equal((PhaseStatus.Active, true), (d.Engine.Status, d.Engine.TradingBlocked));
        Assert.DoesNotContain(breach, e => e.Kind == RuleEventKind.Passed);

        d.Clock("2026-01-05T09:00:01Z");                              // still 52,000 closed, not yet flattened: passes
        Assert.Equal(PhaseStatus.Passed, d.Engine.Status);
    }

    [Theory]
    [InlineData(BreachComparison.AtOrBelow, true)]
    [InlineData(BreachComparison.Below, false)]
    public void Overall_loss_breach_comparison_at_exactly_the_floor(BreachComparison when, bool fails)
    {
        var rules = Phases.Bare() with
        {
            BreachWhen = when,
            OverallLoss = new OverallLossRule(DrawdownMode.Static, 10_000m, LockMode.None, 0m),
        };
        var d = new PhaseDriver(rules, 100_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T09:00:00Z", 90_000m);
        Assert.Equal(fails ? PhaseStatus.Failed : PhaseStatus.Active, d.Engine.Status);
    }

    [Fact]
    public void Trailing_intraday_locked_at_initial_stops_at_the_initial_balance()
    {
        var rules = Phases.Bare() with { OverallLoss = new OverallLossRule(DrawdownMode.TrailingIntraday, 2_000m, LockMode.Initial, 0m) };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T09:00:00Z", 51_500m);                          // floor 49,500
        d.Tick("2026-01-05T09:01:00Z", 55_000m);                          // 53,000 capped at 50,000
        Assert.Equal(50_000m, d.Engine.Rules.OfType<OverallLossGuard>().Single().Floor);
        d.Tick("2026-01-05T09:02:00Z", 50_000m);
        Assert.Equal(PhaseStatus.Failed, d.Engine.Status);
    }

    [Fact]
    public void A_new_day_that_starts_below_the_soft_floor_blocks_again_at_its_first_observation()
    {
        var rules = Phases.Bare() with { DailyLoss = new DailyLossRule(DailyLossAnchor.Equity, LimitBasis.Amount, 1_000m, BreachSeverity.Soft) };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T09:00:00Z", 49_000m);
        var reset = d.Clock("2026-01-05T23:00:00Z");                       // E₀ 49,000, floor 48,000: resumes
        Assert.Contains(reset, e => e.Kind == RuleEventKind.TradingResumed);
        Assert.False(d.Engine.TradingBlocked);
        d.Tick("2026-01-06T09:00:00Z", 48_000m);
        Assert.True(d.Engine.TradingBlocked);
    }

    [Fact]
    public void Observations_must_not_go_back_in_time()
    {
        var d = new PhaseDriver(Phases.Bare(), 50_000m, "2026-01-05T08:00:00Z");
        d.Tick("2026-01-05T09:00:00Z", 50_100m);
        Assert.Throws<ArgumentException>(() => d.Tick("2026-01-05T08:59:59Z", 50_100m));
    }

    [Fact]
    public void Several_resets_without_an_observation_roll_over_once_with_the_last_balance_as_the_close()
    {
        var rules = Phases.Bare() with { OverallLoss = new OverallLossRule(DrawdownMode.TrailingEndOfDay, 2_000m, LockMode.None, 0m) };
        var d = new PhaseDriver(rules, 50_000m, "2026-01-05T08:00:00Z");
        d.Fill("2026-01-05T09:00:00Z", 1_000m);
        var events = d.Clock("2026-01-09T09:00:00Z");                      // four Prague resets later
        Assert.Single(events, e => e.Kind == RuleEventKind.DayRolledOver);
        Assert.Equal(49_000m, d.Engine.Rules.OfType<OverallLossGuard>().Single().Floor);
    }
}
