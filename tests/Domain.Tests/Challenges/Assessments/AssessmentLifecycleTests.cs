using Crucible.Grains.Challenges.Assessments;
using Crucible.Grains.Interfaces.Challenges;
using static Crucible.Domain.Tests.Challenges.Assessments.AssessmentPlans;

namespace Crucible.Domain.Tests.Challenges.Assessments;

public sealed class AssessmentLifecycleTests
{
    private static readonly EvaluatorRoster Roster = new(["eva"]);
    private static readonly EvaluatorDecision Eva = new("eva", "checked the fills by hand");

    private static Assessment Active(ChallengePlan plan) => AssessmentLifecycle.Activate(Bought(plan), plan, Start).Assessment;

    private static PhaseOutcome Outcome(Assessment a, PhaseStatus status, string? rule = null, RuleEvent? evidence = null) =>
        new(a.CurrentAccountId!, a.Id, a.PhaseIndex, status, Start.AddDays(3), rule, evidence);

    [Fact]
    public void A_purchase_is_pending_with_its_payment_and_one_transition_by_the_trader()
    {
        var a = Bought(TwoStepFunded);

        Assert.Equal((AssessmentStatus.Pending, 1, 0, 2, 99m, "sim_ch_1"), (a.Status, a.Attempt, a.PhaseIndex, a.PhaseCount, a.PricePaid, a.PaymentReference));
        Assert.Null(a.CurrentAccountId);
        var t = Assert.Single(a.Transitions);
        Assert.Equal((null, AssessmentStatus.Pending, TransitionCause.Purchased, "alice"), (t.From, t.To, t.Cause, t.Actor));
    }

    [Fact]
    public void Activation_opens_phase_1_of_attempt_1_on_a_fresh_account_of_the_plan_size()
    {
        var step = AssessmentLifecycle.Activate(Bought(TwoStepFunded), TwoStepFunded, Start);

        Assert.Equal(AssessmentStatus.Active, step.Assessment.Status);
        Assert.Equal("asm-1-a1-p1", step.Assessment.CurrentAccountId);
        Assert.Equal(("asm-1-a1-p1", 0, "Challenge", 10_000m), (step.Start!.Phase.AccountId, step.Start.Phase.PhaseIndex, step.Start.Rules.Name, step.Start.AccountSize));
        Assert.Null(step.Stop);
        Assert.Equal((AssessmentStatus.Pending, AssessmentStatus.Active, TransitionCause.PhaseStarted), (step.Transition!.From, step.Transition.To, step.Transition.Cause));
    }

    [Fact]
    public void A_passed_phase_opens_the_next_phase_account_and_keeps_the_status_active()
    {
        var a = Active(TwoStepFunded);
        var evidence = new RuleEvent(Start.AddDays(3), "profit_target", RuleEventKind.Passed, 11_000m, 11_000m, 11_000m, 11_000m,
            ObservationCause.Fill, "X", 7, "f-1", "target reached");

        var step = AssessmentLifecycle.PhaseEnded(a, TwoStepFunded, Outcome(a, PhaseStatus.Passed, "profit_target", evidence), Start.AddDays(3));

        var next = step.Assessment;
        Assert.Equal((AssessmentStatus.Active, 1, "asm-1-a1-p2"), (next.Status, next.PhaseIndex, next.CurrentAccountId));
        Assert.Equal("Verification", step.Start!.Rules.Name);
        Assert.Equal((PhaseStatus.Passed, "profit_target"), (next.Phases[0].Outcome, next.Phases[0].EndedBy));
        Assert.Null(step.Stop);   // the book ended the phase itself
        Assert.Equal((TransitionCause.PhasePassed, "profit_target", "system"), (step.Transition!.Cause, step.Transition.Rule, step.Transition.Actor));
        Assert.Same(evidence, step.Transition.Evidence);
    }

    [Fact]
    public void Passing_the_last_phase_of_a_plan_with_a_funded_stage_opens_the_funded_account()
    {
        var a = Active(TwoStepFunded);
        a = AssessmentLifecycle.PhaseEnded(a, TwoStepFunded, Outcome(a, PhaseStatus.Passed), Start).Assessment;

        var step = AssessmentLifecycle.PhaseEnded(a, TwoStepFunded, Outcome(a, PhaseStatus.Passed), Start);

        Assert.Equal((AssessmentStatus.Funded, 2, "asm-1-a1-funded"), (step.Assessment.Status, step.Assessment.PhaseIndex, step.Assessment.CurrentAccountId));
        Assert.Equal("Funded", step.Start!.Rules.Name);
    }

    [Fact]
    public void Passing_the_last_phase_of_a_plan_without_a_funded_stage_is_passed_and_opens_nothing()
    {
        var a = Active(OneStepNoFunded);

        var step = AssessmentLifecycle.PhaseEnded(a, OneStepNoFunded, Outcome(a, PhaseStatus.Passed), Start);

        Assert.Equal(AssessmentStatus.Passed, step.Assessment.Status);
        Assert.Null(step.Start);
        Assert.Equal("asm-1-a1-p1", step.Assessment.CurrentAccountId);
    }

    [Theory]
    [InlineData(PhaseStatus.Failed, AssessmentStatus.Failed, TransitionCause.RuleBreached)]
    [InlineData(PhaseStatus.Expired, AssessmentStatus.Expired, TransitionCause.TimeExpired)]
    public void A_breach_fails_and_a_deadline_expires_the_attempt(PhaseStatus outcome, AssessmentStatus status, TransitionCause cause)
    {
        var a = Active(TwoStepFunded);

        var step = AssessmentLifecycle.PhaseEnded(a, TwoStepFunded, Outcome(a, outcome, "overall_loss"), Start);

        Assert.Equal(status, step.Assessment.Status);
        Assert.Equal((cause, "overall_loss"), (step.Transition!.Cause, step.Transition.Rule));
        Assert.Equal(outcome, step.Assessment.Phases.Single().Outcome);
        Assert.Null(step.Start);
    }

    [Fact]
    public void An_outcome_of_an_account_that_is_no_longer_current_is_ignored()
    {
        var a = Active(TwoStepFunded);
        var stale = Outcome(a, PhaseStatus.Failed);
        a = AssessmentLifecycle.PhaseEnded(a, TwoStepFunded, Outcome(a, PhaseStatus.Passed), Start).Assessment;

        var step = AssessmentLifecycle.PhaseEnded(a, TwoStepFunded, stale, Start);

        Assert.False(step.Changed);
        Assert.Same(a, step.Assessment);
    }

    [Fact]
    public void A_failed_attempt_ignores_a_late_outcome_of_its_own_account()
    {
        var a = Active(TwoStepFunded);
        var failed = AssessmentLifecycle.EvaluatorFail(a, Eva, Roster, Start).Assessment;

        Assert.False(AssessmentLifecycle.PhaseEnded(failed, TwoStepFunded, Outcome(a, PhaseStatus.Failed), Start).Changed);
    }

    [Fact]
    public void Reset_after_a_failure_starts_attempt_2_on_a_new_account_and_keeps_attempt_1()
    {
        var a = Active(TwoStepFunded);
        a = AssessmentLifecycle.PhaseEnded(a, TwoStepFunded, Outcome(a, PhaseStatus.Failed, "daily_loss"), Start).Assessment;

        var step = AssessmentLifecycle.TraderReset(a, TwoStepFunded, "alice", "one more try", Start.AddDays(4));

        var reset = step.Assessment;
        Assert.Equal((AssessmentStatus.Active, 2, 0, "asm-1-a2-p1"), (reset.Status, reset.Attempt, reset.PhaseIndex, reset.CurrentAccountId));
        Assert.Null(step.Stop);   // nothing runs after a failure
        Assert.Equal(["asm-1-a1-p1", "asm-1-a2-p1"], reset.Phases.Select(p => p.AccountId));
        Assert.Equal((PhaseStatus.Failed, "daily_loss"), (reset.Phases[0].Outcome, reset.Phases[0].EndedBy));
        Assert.Equal(a.Transitions, reset.Transitions.Take(a.Transitions.Count));   // history only grows
        Assert.Equal((AssessmentStatus.Failed, AssessmentStatus.Active, TransitionCause.TraderReset, "alice", "one more try"),
            (step.Transition!.From, step.Transition.To, step.Transition.Cause, step.Transition.Actor, step.Transition.Reason));
    }

    [Fact]
    public void Reset_while_active_stops_the_running_account_before_opening_the_new_one()
    {
        var a = Active(TwoStepFunded);

        var step = AssessmentLifecycle.TraderReset(a, TwoStepFunded, "alice", null, Start);

        Assert.Equal(new PhaseStop("asm-1-a1-p1", PhaseStatus.Failed, "reset", "reset"), step.Stop);
        Assert.Equal("asm-1-a2-p1", step.Start!.Phase.AccountId);
    }

    [Theory]
    [InlineData(AssessmentStatus.Passed)]
    [InlineData(AssessmentStatus.Abandoned)]
    public void A_trader_cannot_reset_a_passed_or_abandoned_assessment(AssessmentStatus status)
    {
        var a = Active(OneStepNoFunded) with { Status = status };

        var step = AssessmentLifecycle.TraderReset(a, OneStepNoFunded, "alice", null, Start);

        Assert.Equal(AssessmentErrorCode.InvalidTransition, step.Error!.Code);
        Assert.Same(a, step.Assessment);
    }

    [Fact]
    public void Only_the_assessment_s_trader_may_reset_or_abandon_it()
    {
        var a = Active(TwoStepFunded);

        Assert.Equal(AssessmentErrorCode.NotTrader, AssessmentLifecycle.TraderReset(a, TwoStepFunded, "mallory", null, Start).Error!.Code);
        Assert.Equal(AssessmentErrorCode.NotTrader, AssessmentLifecycle.Abandon(a, "mallory", null, Start).Error!.Code);
    }

    [Fact]
    public void Abandoning_stops_the_running_account_and_is_final()
    {
        var a = Active(TwoStepFunded);

        var step = AssessmentLifecycle.Abandon(a, "alice", "no time", Start);

        Assert.Equal(AssessmentStatus.Abandoned, step.Assessment.Status);
        Assert.Equal(new PhaseStop("asm-1-a1-p1", PhaseStatus.Failed, "abandoned", "no time"), step.Stop);
        Assert.Equal(AssessmentErrorCode.InvalidTransition, AssessmentLifecycle.Abandon(step.Assessment, "alice", null, Start).Error!.Code);
        Assert.Equal(AssessmentErrorCode.InvalidTransition, AssessmentLifecycle.TraderReset(step.Assessment, TwoStepFunded, "alice", null, Start).Error!.Code);
    }

    [Fact]
    public void An_evaluator_pass_stops_the_phase_as_passed_and_moves_on_recording_who_and_why()
    {
        var a = Active(TwoStepFunded);

        var step = AssessmentLifecycle.EvaluatorPass(a, TwoStepFunded, Eva, Roster, Start);

        Assert.Equal(new PhaseStop("asm-1-a1-p1", PhaseStatus.Passed, "evaluator", "checked the fills by hand"), step.Stop);
        Assert.Equal("asm-1-a1-p2", step.Start!.Phase.AccountId);
        Assert.Equal((TransitionCause.EvaluatorPassed, "eva", "checked the fills by hand"), (step.Transition!.Cause, step.Transition.Actor, step.Transition.Reason));
    }

    [Fact]
    public void An_evaluator_fail_of_a_funded_account_fails_the_assessment()
    {
        var plan = OneStepNoFunded with { Funded = Phase("Funded", null) };
        var funded = Active(plan);
        funded = AssessmentLifecycle.PhaseEnded(funded, plan, Outcome(funded, PhaseStatus.Passed), Start).Assessment;
        Assert.Equal(AssessmentStatus.Funded, funded.Status);

        var step = AssessmentLifecycle.EvaluatorFail(funded, Eva, Roster, Start);

        Assert.Equal((AssessmentStatus.Funded, AssessmentStatus.Failed), (step.Transition!.From, step.Transition.To));
        Assert.Equal(PhaseStatus.Failed, step.Stop!.Status);
    }

    [Fact]
    public void An_evaluator_reset_works_on_a_passed_assessment_and_an_extension_is_recorded_without_changing_status()
    {
        var a = Active(OneStepNoFunded);
        var extended = AssessmentLifecycle.EvaluatorExtend(a, OneStepNoFunded, Eva, 5, Roster, Start);
        Assert.Equal((AssessmentStatus.Active, AssessmentStatus.Active, TransitionCause.EvaluatorExtended, "eva"),
            (extended.Transition!.From, extended.Transition.To, extended.Transition.Cause, extended.Transition.Actor));
        var passed = AssessmentLifecycle.PhaseEnded(extended.Assessment, OneStepNoFunded, Outcome(a, PhaseStatus.Passed), Start).Assessment;

        var reset = AssessmentLifecycle.EvaluatorReset(passed, OneStepNoFunded, Eva, Roster, Start);

        Assert.Equal((AssessmentStatus.Active, 2), (reset.Assessment.Status, reset.Assessment.Attempt));
        Assert.Equal([TransitionCause.Purchased, TransitionCause.PhaseStarted, TransitionCause.EvaluatorExtended, TransitionCause.PhasePassed,
            TransitionCause.EvaluatorReset], reset.Assessment.Transitions.Select(t => t.Cause));
    }

    [Theory]
    [InlineData("", "why", AssessmentErrorCode.InvalidField, "evaluatorId")]
    [InlineData("bob", "why", AssessmentErrorCode.NotEvaluator, "evaluatorId")]
    [InlineData("eva", "", AssessmentErrorCode.InvalidField, "reason")]
    [InlineData("eva", "   ", AssessmentErrorCode.InvalidField, "reason")]
    public void Every_evaluator_override_needs_an_evaluator_and_a_reason(string evaluator, string reason, AssessmentErrorCode code, string field)
    {
        var a = Active(TwoStepFunded);
        var decision = new EvaluatorDecision(evaluator, reason);

        LifecycleStep[] steps =
        [
            AssessmentLifecycle.EvaluatorPass(a, TwoStepFunded, decision, Roster, Start),
            AssessmentLifecycle.EvaluatorFail(a, decision, Roster, Start),
            AssessmentLifecycle.EvaluatorReset(a, TwoStepFunded, decision, Roster, Start),
            AssessmentLifecycle.EvaluatorExtend(a, TwoStepFunded, decision, 3, Roster, Start),
        ];

        Assert.All(steps, s =>
        {
            Assert.Equal((code, field), (s.Error!.Code, s.Error.Field));
            Assert.Same(a, s.Assessment);
            Assert.Null(s.Transition);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void An_extension_is_1_to_365_days(int days) =>
        Assert.Equal("days", AssessmentLifecycle.EvaluatorExtend(Active(TwoStepFunded), TwoStepFunded, Eva, days, Roster, Start).Error!.Field);

    [Fact]
    public void A_phase_without_a_time_limit_has_nothing_to_extend()
    {
        var plan = OneStepNoFunded with { Phases = [Phase("Open-ended", 300m, timeLimitDays: null)] };

        var step = AssessmentLifecycle.EvaluatorExtend(Active(plan), plan, Eva, 5, Roster, Start);

        Assert.Equal(AssessmentErrorCode.InvalidTransition, step.Error!.Code);
        Assert.Null(step.Transition);
    }

    [Fact]
    public void An_evaluator_cannot_pass_an_attempt_that_already_failed()
    {
        var a = Active(TwoStepFunded);
        a = AssessmentLifecycle.PhaseEnded(a, TwoStepFunded, Outcome(a, PhaseStatus.Failed), Start).Assessment;

        Assert.Equal(AssessmentErrorCode.InvalidTransition, AssessmentLifecycle.EvaluatorPass(a, TwoStepFunded, Eva, Roster, Start).Error!.Code);
    }

    [Fact]
    public void The_roster_defaults_to_the_evaluator_identity()
    {
        Assert.True(new EvaluatorRoster(null).IsEvaluator("evaluator"));
        Assert.True(new EvaluatorRoster([]).IsEvaluator("evaluator"));
        Assert.False(new EvaluatorRoster(["eva"]).IsEvaluator("evaluator"));
        Assert.False(new EvaluatorRoster(null).IsEvaluator("Evaluator"));
    }
}
