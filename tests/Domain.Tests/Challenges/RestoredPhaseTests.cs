using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>A phase restored from its ledger: ended phases stay ended as recorded; active ones are suspended until decided.</summary>
public sealed class RestoredPhaseTests
{
    private static readonly DateTimeOffset Start = PhaseDriver.At("2026-01-05T12:00:00Z");

    // 100k in UTC: daily loss 5,000 (hard) on the balance anchor, target 8,000.
    private static readonly AccountEvaluation Evaluation = new("A-1", 0, Phases.Bare("UTC") with
    {
        DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 5_000m, BreachSeverity.Hard),
        ProfitTarget = 8_000m,
    }, Start);

    private static Fill Fill(int n, DateTimeOffset time) => new($"F-{n}", $"O-{n}", "ES", OrderSide.Buy, 1m, 5_000m, 0m, 0m, time, n);

    [Fact]
    public void A_phase_whose_history_holds_a_hard_breach_comes_back_failed_by_that_rule_and_refuses_nothing_new_to_decide()
    {
        var original = new PhaseEvaluation(Evaluation, 100_000m);
        original.OnFill(Fill(1, Start.AddMinutes(1)), 100_000m, 99_000m, true);
        original.OnTick("ES", 2, Start.AddMinutes(2), 100_000m, 95_000m, true);
        Assert.Equal(PhaseStatus.Failed, original.Status);

        var restored = new RestoredPhase(Evaluation, 100_000m, original.Events, original.Samples);

        Assert.Equal(PhaseStatus.Failed, restored.Status);
        Assert.False(restored.IsActive);
        Assert.Equal(original.Evidence, restored.Evidence);
        Assert.Equal("dailyLoss", restored.Outcome("acct").EndedBy);
        Assert.Empty(restored.End(PhaseStatus.Passed, "evaluator", "too late", Start.AddHours(1), 95_000m, 95_000m));
        Assert.Equal(original.Events, restored.Events);
    }

    [Fact]
    public void An_active_phase_without_a_snapshot_comes_back_suspended_saying_why_and_a_decision_ends_it_with_a_decided_event()
    {
        var original = new PhaseEvaluation(Evaluation, 100_000m);
        original.OnFill(Fill(1, Start.AddMinutes(1)), 100_000m, 101_000m, true);
        original.OnFill(Fill(2, Start.AddMinutes(2)), 100_000m, 98_500m, true);
        Assert.True(original.IsActive);

        var restored = new RestoredPhase(Evaluation, 100_000m, original.Events, original.Samples, "no phase snapshot in the ledger");
        var state = restored.State(Start.AddMinutes(3), 100_000m, 99_000m);
        Assert.Equal("no phase snapshot in the ledger", state.Suspension);

        Assert.True(restored.IsActive);
        Assert.Equal((PhaseStatus.Active, true), (state.Status, state.TradingBlocked));
        Assert.Empty(state.Progress);
        // Samples: start 100,000, 101,000, 98,500, then the book's 99,000: peak 101,000, drawdown 2,500.
        Assert.Equal((101_000m, 2_500m), (state.PeakEquity, state.MaxDrawdown));
        Assert.Equal(PhaseDriver.At("2026-01-06T00:00:00Z"), state.NextReset);

        var decision = Assert.Single(restored.End(PhaseStatus.Failed, "evaluator", "restored after a loss", Start.AddMinutes(5), 100_000m, 99_000m));

        Assert.Equal((RuleEventKind.Decided, "evaluator", "failed by decision: restored after a loss"), (decision.Kind, decision.Rule, decision.Message));
        Assert.Equal(PhaseStatus.Failed, restored.Status);
        Assert.Null(restored.State(Start.AddMinutes(6), 100_000m, 99_000m).Suspension);
        Assert.Equal(decision, restored.Outcome("acct").Evidence);
        Assert.Equal(new EquitySample(Start.AddMinutes(5), 100_000m, 99_000m), restored.Samples[^1]);
        // A decision recorded before the restore reads back with its status.
        Assert.Equal(PhaseStatus.Failed, new RestoredPhase(Evaluation, 100_000m, restored.Events, restored.Samples).Status);
    }
}
