using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>A phase run on an account's fills, ticks and clock: progress per rule, evidence, samples, extension and decision.</summary>
public sealed class PhaseEvaluationTests
{
    private static readonly DateTimeOffset Start = PhaseDriver.At("2026-01-05T12:00:00Z");

    // 100k in UTC: daily loss 5,000 on the balance anchor, static overall 10,000, target 8,000, 2 trading days, 30 days.
    private static readonly PhaseRules Rules = Phases.Bare("UTC") with
    {
        DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 5_000m, BreachSeverity.Hard),
        OverallLoss = new OverallLossRule(DrawdownMode.Static, 10_000m, LockMode.None, 0m),
        ProfitTarget = 8_000m,
        MinTradingDays = 2,
        TimeLimitDays = 30,
    };

    private static PhaseEvaluation Phase(PhaseRules rules, TimeSpan? sampleInterval = null) =>
        new(new AccountEvaluation("A-1", 0, rules, Start), 100_000m, sampleInterval);

    private static Fill Fill(int n, string order, decimal realized, DateTimeOffset time, decimal commission = 0m) =>
        new($"F-{n}", order, "ES", OrderSide.Buy, 1m, 5_000m, commission, realized, time, n);

    private static RuleProgress Of(EvaluationState state, string rule) => state.Progress.Single(p => p.Rule == rule);

    [Fact]
    public void Progress_reads_as_loss_used_and_objective_reached_with_hand_computed_percents()
    {
        var phase = Phase(Rules);
        phase.OnFill(Fill(1, "O-1", 0m, Start.AddMinutes(1)), 100_000m, 99_990m, true);
        phase.OnTick("ES", 7, Start.AddMinutes(2), 100_000m, 98_000m, true);

        var dipped = phase.State(Start.AddMinutes(2));
        // Daily: (anchor 100,000 − equity 98,000) ÷ (anchor − floor 95,000) = 40 %. Overall: (10,000 − (98,000 − 90,000)) ÷ 10,000 = 20 %.
        Assert.Equal((RuleKind.Loss, 98_000m, 95_000m, 40m, true), Tuple(Of(dipped, "dailyLoss")));
        Assert.Equal((RuleKind.Loss, 98_000m, 90_000m, 20m, true), Tuple(Of(dipped, "overallLoss")));

        phase.OnFill(Fill(2, "O-2", 4_960m, Start.AddMinutes(3)), 104_960m, 104_960m, false);
        var state = phase.State(Start.AddMinutes(3));
        // Target: closed profit 4,960 ÷ 8,000 = 62 %; one trading day of two = 50 %; no loss used above the anchor.
        Assert.Equal((RuleKind.Objective, 4_960m, 8_000m, 62m, false), Tuple(Of(state, "profitTarget")));
        Assert.Equal((RuleKind.Objective, 1m, 2m, 50m, false), Tuple(Of(state, "minTradingDays")));
        Assert.Equal(0m, Of(state, "dailyLoss").Percent);
        // 3 minutes of 30 days: 0.0069 % shown as 0.01.
        Assert.Equal((RuleKind.Deadline, 30m, 0.01m), (Of(state, "timeLimit").Kind, Of(state, "timeLimit").Limit, Of(state, "timeLimit").Percent));
        Assert.Equal((104_960m, 104_960m, 104_960m, 2_000m), (state.Balance, state.Equity, state.PeakEquity, state.MaxDrawdown));
        Assert.Equal((PhaseStatus.Active, PhaseDriver.At("2026-01-06T00:00:00Z")), (state.Status, state.NextReset));
    }

    [Fact]
    public void A_breach_is_the_evidence_of_the_outcome_and_later_observations_change_nothing()
    {
        var phase = Phase(Rules);
        phase.OnFill(Fill(1, "O-1", 0m, Start.AddMinutes(1)), 100_000m, 99_990m, true);
        var breach = Assert.Single(phase.OnTick("ES", 9, Start.AddMinutes(2), 100_000m, 95_000m, true));

        Assert.Empty(phase.OnTick("ES", 10, Start.AddMinutes(3), 100_000m, 101_000m, true));
        var outcome = phase.Outcome("acc-1");
        Assert.Equal(("acc-1", "A-1", PhaseStatus.Failed, Start.AddMinutes(2), "dailyLoss"),
            (outcome.AccountId, outcome.AssessmentId, outcome.Status, outcome.EndedAt, outcome.EndedBy));
        Assert.Same(breach, outcome.Evidence);
        Assert.Equal((9L, 95_000m), (breach.QuoteSequence, breach.Limit));
        Assert.Null(phase.NextDue);
    }

    [Fact]
    public void A_liquidation_fill_moves_the_balance_but_is_not_a_trade_or_day_profit()
    {
        var rules = Phases.Bare("UTC") with
        {
            DailyLoss = new DailyLossRule(DailyLossAnchor.DayPnl, LimitBasis.Amount, 1_000m, BreachSeverity.Soft),
            ProfitTarget = 8_000m,
            MinTrades = 2,
        };
        var phase = Phase(rules);
        phase.OnFill(Fill(1, "O-1", 0m, Start.AddMinutes(1)), 100_000m, 99_990m, true);
        phase.OnTick("ES", 2, Start.AddMinutes(2), 100_000m, 98_900m, true);
        Assert.True(phase.TradingBlocked);

        phase.OnFill(Fill(2, "O-2", -1_100m, Start.AddMinutes(2)), 98_900m, 98_900m, false, liquidation: true);

        var state = phase.State(Start.AddMinutes(2));
        Assert.Equal(1m, Of(state, "minTrades").Measured);
        Assert.Equal((98_900m, true, PhaseStatus.Active), (state.Balance, state.TradingBlocked, state.Status));
    }

    [Fact]
    public void Samples_are_taken_at_the_start_at_every_fill_and_rule_event_and_otherwise_once_per_interval()
    {
        var phase = Phase(Rules, TimeSpan.FromMinutes(10));
        phase.OnTick("ES", 1, Start.AddMinutes(1), 100_000m, 99_000m, true); // 1 min after the start sample: none
        phase.OnFill(Fill(1, "O-1", 0m, Start.AddMinutes(2)), 100_000m, 98_500m, true); // a fill: sampled
        phase.OnTick("ES", 2, Start.AddMinutes(11), 100_000m, 98_400m, true); // 9 min after: none
        phase.OnTick("ES", 3, Start.AddMinutes(12), 100_000m, 98_300m, true); // 10 min after: sampled
        phase.OnTick("ES", 4, Start.AddMinutes(13), 100_000m, 95_000m, true); // a breach (rule event): sampled

        Assert.Equal([100_000m, 98_500m, 98_300m, 95_000m], phase.Samples.Select(s => s.Equity));
        Assert.Equal(Start.AddMinutes(13), phase.Samples[^1].Time);
    }

    [Fact]
    public void An_extension_moves_the_deadline_and_the_phase_expires_at_the_new_one()
    {
        var phase = Phase(Phases.Bare("UTC") with { ProfitTarget = 8_000m, TimeLimitDays = 1 });
        // Next due: the midnight reset, then the deadline at noon the next day.
        Assert.Equal(PhaseDriver.At("2026-01-06T00:00:00Z"), phase.NextDue);

        var extension = Assert.Single(phase.Extend(2, "outage", Start.AddHours(1)));
        Assert.Equal((RuleEventKind.Extended, 2m, 3m), (extension.Kind, extension.Measured, extension.Limit));

        phase.OnClock(PhaseDriver.At("2026-01-06T00:00:00Z"), 100_000m, 100_000m, false);
        Assert.Equal(PhaseDriver.At("2026-01-07T00:00:00Z"), phase.NextDue);
        phase.OnClock(PhaseDriver.At("2026-01-06T12:00:00Z"), 100_000m, 100_000m, false);
        Assert.Equal(PhaseStatus.Active, phase.Status);

        phase.OnClock(PhaseDriver.At("2026-01-07T00:00:00Z"), 100_000m, 100_000m, false);
        phase.OnClock(PhaseDriver.At("2026-01-08T00:00:00Z"), 100_000m, 100_000m, false);
        Assert.Equal(PhaseDriver.At("2026-01-08T12:00:00Z"), phase.NextDue);
        var expiry = Assert.Single(phase.OnClock(PhaseDriver.At("2026-01-08T12:00:00Z"), 100_000m, 100_000m, false));
        Assert.Equal((RuleEventKind.Expired, "timeLimit", PhaseStatus.Expired), (expiry.Kind, expiry.Rule, phase.Status));
        Assert.Empty(phase.Extend(1, "too late", PhaseDriver.At("2026-01-08T13:00:00Z")));
    }

    [Fact]
    public void A_phase_without_a_time_limit_cannot_be_extended()
    {
        var phase = Phase(Phases.Bare("UTC") with { ProfitTarget = 8_000m });
        Assert.Throws<InvalidOperationException>(() => phase.Extend(1, "no limit", Start));
    }

    [Fact]
    public void Ending_by_decision_records_the_rule_and_reason_and_the_phase_stays_ended()
    {
        var phase = Phase(Rules);
        phase.OnFill(Fill(1, "O-1", 0m, Start.AddMinutes(1)), 100_000m, 99_990m, true);

        var decision = Assert.Single(phase.End(PhaseStatus.Passed, "evaluator", "manual review", Start.AddMinutes(5)));

        Assert.Equal((RuleEventKind.Decided, "evaluator", 99_990m, Start.AddMinutes(5)), (decision.Kind, decision.Rule, decision.Equity, decision.Time));
        Assert.Contains("manual review", decision.Message);
        Assert.Equal((PhaseStatus.Passed, "evaluator", Start.AddMinutes(5)), (phase.Status, phase.EndedBy, phase.EndedAt));
        Assert.Same(decision, phase.Outcome("acc").Evidence);
        Assert.Empty(phase.End(PhaseStatus.Failed, "evaluator", "again", Start.AddMinutes(6)));
        Assert.Empty(phase.OnTick("ES", 5, Start.AddMinutes(7), 100_000m, 80_000m, true));
        Assert.Equal(PhaseStatus.Passed, phase.Status);
        Assert.Throws<ArgumentException>(() => Phase(Rules).End(PhaseStatus.Active, "evaluator", "no", Start));
    }

    [Fact]
    public void An_observation_stamped_before_the_last_one_is_taken_at_the_last_time()
    {
        var phase = Phase(Rules);
        phase.OnTick("ES", 1, Start.AddMinutes(5), 100_000m, 99_000m, true);

        var breach = Assert.Single(phase.OnTick("ES", 2, Start.AddMinutes(4), 100_000m, 94_000m, true));

        Assert.Equal(Start.AddMinutes(5), breach.Time);
    }

    private static (RuleKind, decimal, decimal, decimal, bool) Tuple(RuleProgress p) => (p.Kind, p.Measured, p.Limit, p.Percent, p.Satisfied);
}
