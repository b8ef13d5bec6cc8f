using Crucible.Grains.Challenges.Assessments;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Ledger;
using static Crucible.Domain.Tests.Challenges.Assessments.AssessmentPlans;

namespace Crucible.Domain.Tests.Ledger;

/// <summary>
/// An assessment journaled step by step (<see cref="AssessmentJournal"/>) comes back from its ledger entries exactly as the
/// lifecycle left it: status, attempt, phase, phase accounts with their outcomes, transitions with their evidence, the
/// plan as bought and the event sequence.
/// </summary>
public sealed class AssessmentRebuildTests
{
    private static readonly EvaluatorRoster Roster = new(["eva"]);
    private static readonly ChallengePlan Plan = TwoStepFunded;

    private static RuleEvent Evidence(int day, string rule, RuleEventKind kind, decimal equity) =>
        new(Start.AddDays(day), rule, kind, equity, 11_000m, equity, equity, ObservationCause.Fill, "X", 7 + day, "F-1", $"{rule} on day {day}");

    private static PhaseOutcome Outcome(Assessment a, PhaseStatus status, int day, string rule, RuleEvent evidence) =>
        new(a.CurrentAccountId!, a.Id, a.PhaseIndex, status, Start.AddDays(day), rule, evidence);

    /// <summary>
    /// Purchase, activation, an extension, phase 1 passed, phase 2 breached, a trader's reset, an evaluator's pass and an
    /// abandonment: every kind of step, each journaled with the event sequence the grain would have reached (events: created;
    /// status changed and/or phase started; extended).
    /// </summary>
    private static List<(Assessment Assessment, long Sequence, IReadOnlyList<LedgerEntry> Entries)> Session()
    {
        var steps = new List<(Assessment, long, IReadOnlyList<LedgerEntry>)>();
        var a = Bought(Plan) with { PurchaseId = "p-1" };
        steps.Add((a, 1, AssessmentJournal.Entries(null, a, Plan, 1)));
        Step(AssessmentLifecycle.Activate(a, Plan, Start), 3);
        Step(AssessmentLifecycle.EvaluatorExtend(a, Plan, new EvaluatorDecision("eva", "exchange outage"), 7, Roster, Start.AddDays(1)), 4);
        Step(AssessmentLifecycle.PhaseEnded(a, Plan, Outcome(a, PhaseStatus.Passed, 3, "profit_target", Evidence(3, "profit_target", RuleEventKind.Passed, 11_000m)), Start.AddDays(3)), 5);
        Step(AssessmentLifecycle.PhaseEnded(a, Plan, Outcome(a, PhaseStatus.Failed, 4, "daily_loss", Evidence(4, "daily_loss", RuleEventKind.Breach, 9_400m)), Start.AddDays(4)), 6);
        Step(AssessmentLifecycle.TraderReset(a, Plan, "alice", "once more", Start.AddDays(5)), 8);
        Step(AssessmentLifecycle.EvaluatorPass(a, Plan, new EvaluatorDecision("eva", "met the target off-platform"), Roster, Start.AddDays(6)), 9);
        Step(AssessmentLifecycle.Abandon(a, "alice", "no time", Start.AddDays(7)), 10);
        return steps;

        void Step(LifecycleStep step, long sequence)
        {
            Assert.Null(step.Error);
            steps.Add((step.Assessment, sequence, AssessmentJournal.Entries(a, step.Assessment, Plan, sequence)));
            a = step.Assessment;
        }
    }

    private static async Task<RebuiltAssessment> RebuildAsync(IEnumerable<LedgerEntry> entries)
    {
        var ledger = new InMemoryLedger();
        await ledger.AppendAsync(entries.ToList());
        return AssessmentRebuild.From(await ledger.ReadAssessmentAsync("asm-1"));
    }

    private static void AssertSame(Assessment expected, Assessment actual)
    {
        Assert.Equal(expected.Phases, actual.Phases);
        Assert.Equal(expected.Transitions, actual.Transitions);
        Assert.Equal(expected, actual with { Phases = expected.Phases, Transitions = expected.Transitions });
    }

    [Fact]
    public async Task Every_step_of_a_session_rebuilds_to_the_assessment_the_lifecycle_left()
    {
        var session = Session();
        for (var i = 0; i < session.Count; i++)
        {
            var rebuilt = await RebuildAsync(session.Take(i + 1).SelectMany(s => s.Entries));

            AssertSame(session[i].Assessment, rebuilt.Assessment);
            Assert.Equal(session[i].Sequence, rebuilt.Sequence);
            Assert.Same(Plan, rebuilt.Plan);
            Assert.Empty(AssessmentRebuild.Differences(session[i].Assessment, Plan, session[i].Sequence, rebuilt));
        }
    }

    [Fact]
    public async Task The_rebuilt_session_has_the_hand_listed_phases_transitions_and_payment()
    {
        var rebuilt = (await RebuildAsync(Session().SelectMany(s => s.Entries))).Assessment;

        Assert.Equal((AssessmentStatus.Abandoned, 2, 1, "asm-1-a2-p2"), (rebuilt.Status, rebuilt.Attempt, rebuilt.PhaseIndex, rebuilt.CurrentAccountId));
        Assert.Equal(("two-step", "Two Step", "alice", 99m, "sim_ch_1", "p-1", Start, Start.AddDays(7)),
            (rebuilt.PlanId, rebuilt.PlanName, rebuilt.TraderId, rebuilt.PricePaid, rebuilt.PaymentReference, rebuilt.PurchaseId, rebuilt.CreatedAt, rebuilt.UpdatedAt));
        Assert.Equal(
        [
            ("asm-1-a1-p1", "Challenge", Start, Start.AddDays(3), PhaseStatus.Passed, "profit_target"),
            ("asm-1-a1-p2", "Verification", Start.AddDays(3), Start.AddDays(4), PhaseStatus.Failed, "daily_loss"),
            ("asm-1-a2-p1", "Challenge", Start.AddDays(5), Start.AddDays(6), PhaseStatus.Passed, "evaluator"),
            ("asm-1-a2-p2", "Verification", Start.AddDays(6), Start.AddDays(7), PhaseStatus.Failed, "abandoned"),
        ], rebuilt.Phases.Select(p => (p.AccountId, p.Name, p.StartedAt, p.EndedAt!.Value, p.Outcome!.Value, p.EndedBy!)));
        Assert.Equal(
        [
            TransitionCause.Purchased, TransitionCause.PhaseStarted, TransitionCause.EvaluatorExtended, TransitionCause.PhasePassed,
            TransitionCause.RuleBreached, TransitionCause.TraderReset, TransitionCause.EvaluatorPassed, TransitionCause.TraderAbandoned,
        ], rebuilt.Transitions.Select(t => t.Cause));
        var breach = rebuilt.Transitions[4];
        Assert.Equal(("daily_loss", "system", 9_400m, RuleEventKind.Breach), (breach.Rule, breach.Actor, breach.Evidence!.Equity, breach.Evidence.Kind));
        Assert.Equal(("eva", "exchange outage"), (rebuilt.Transitions[2].Actor, rebuilt.Transitions[2].Reason));
    }

    [Fact]
    public async Task The_rebuilt_assessment_goes_on_through_the_lifecycle_like_the_original()
    {
        var session = Session().Take(4).ToList();   // phase 2 of attempt 1 running
        var rebuilt = await RebuildAsync(session.SelectMany(s => s.Entries));
        var original = session[^1].Assessment;

        var fromOriginal = AssessmentLifecycle.PhaseEnded(original, Plan,
            Outcome(original, PhaseStatus.Passed, 9, "profit_target", Evidence(9, "profit_target", RuleEventKind.Passed, 10_600m)), Start.AddDays(9));
        var fromRebuilt = AssessmentLifecycle.PhaseEnded(rebuilt.Assessment, rebuilt.Plan,
            Outcome(rebuilt.Assessment, PhaseStatus.Passed, 9, "profit_target", Evidence(9, "profit_target", RuleEventKind.Passed, 10_600m)), Start.AddDays(9));

        Assert.Equal((AssessmentStatus.Funded, "asm-1-a1-funded"), (fromRebuilt.Assessment.Status, fromRebuilt.Assessment.CurrentAccountId));
        AssertSame(fromOriginal.Assessment, fromRebuilt.Assessment);
    }

    [Fact]
    public async Task Storage_that_differs_only_below_the_microsecond_agrees_and_storage_one_step_behind_does_not()
    {
        var session = Session();
        var rebuilt = await RebuildAsync(session.Take(4).SelectMany(s => s.Entries));
        var stored = session[3].Assessment;
        var finer = stored with
        {
            UpdatedAt = stored.UpdatedAt.AddTicks(7),
            Transitions = [.. stored.Transitions.Select(t => t with { Time = t.Time.AddTicks(3) })],
        };

        Assert.Empty(AssessmentRebuild.Differences(finer, Plan, 5, rebuilt));
        Assert.Equal(["phaseIndex", "currentAccountId", "updatedAt", "phases", "transitions", "sequence"],
            AssessmentRebuild.Differences(session[2].Assessment, Plan, 4, rebuilt));
        Assert.Equal(["plan"], AssessmentRebuild.Differences(stored, OneStepNoFunded, 5, rebuilt));
        // A plan whose decimals lost their trailing zeros in storage is the same plan.
        Assert.Empty(AssessmentRebuild.Differences(stored, Plan with { AccountSize = 10_000.000m, Price = 99.0m }, 5, rebuilt));
    }

    [Fact]
    public async Task A_ledger_missing_a_transition_or_the_purchase_or_the_replay_columns_is_refused_by_name()
    {
        var entries = Session().SelectMany(s => s.Entries).ToList();
        var missing = entries.Where(e => e is not AssessmentTransition { Attempt: 1, Sequence: 3 });
        var old = entries.Select(e => e is AssessmentTransition { Attempt: 1, Sequence: 2 } t ? t with { EventSequence = null } : e);

        var gap = await Assert.ThrowsAsync<InvalidOperationException>(() => RebuildAsync(missing));
        Assert.Contains("transition 1.4 of assessment asm-1", gap.Message);
        var unopened = await Assert.ThrowsAsync<InvalidOperationException>(() => RebuildAsync(entries.Where(e => e is not AssessmentOpened)));
        Assert.Contains("no purchase of assessment asm-1", unopened.Message);
        var before = await Assert.ThrowsAsync<InvalidOperationException>(() => RebuildAsync(old));
        Assert.Contains("transition 1.2", before.Message);
    }

    [Fact]
    public void A_step_is_journaled_as_one_transition_with_the_phase_it_ended_and_the_one_it_opened()
    {
        var session = Session();

        var opened = Assert.IsType<AssessmentOpened>(session[0].Entries[0]);
        Assert.Equal(("asm-1", "alice", "two-step", 99m, "sim_ch_1", "p-1", Start),
            (opened.AssessmentId, opened.TraderId, opened.Plan.Id, opened.PricePaid, opened.PaymentReference, opened.PurchaseId, opened.Time));
        var passed = Assert.IsType<AssessmentTransition>(Assert.Single(session[3].Entries));
        Assert.Equal(("active", "active", "PhasePassed:profit_target", 1, 4L, 1), (passed.From, passed.To, passed.Cause, passed.Attempt, passed.Sequence, passed.Phase));
        Assert.Equal((PhaseStatus.Passed, "profit_target", "asm-1-a1-p2", "Verification", 5L),
            (passed.PhaseEnded, passed.PhaseEndedBy, passed.PhaseOpened, passed.PhaseOpenedName, passed.EventSequence));
        var reset = Assert.IsType<AssessmentTransition>(Assert.Single(session[5].Entries));
        // The breach had already ended attempt 1's phase: the reset ends nothing and opens attempt 2.
        Assert.Equal((2, 1L, (PhaseStatus?)null, "asm-1-a2-p1"), (reset.Attempt, reset.Sequence, reset.PhaseEnded, reset.PhaseOpened));
        Assert.Throws<InvalidOperationException>(() => AssessmentJournal.Entries(session[1].Assessment, session[3].Assessment, Plan, 5));
    }
}
