using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// The assessment state machine (docs/assessments.md), free of Orleans: each method takes the assessment and returns
/// the step to take. Records are only appended: a reset opens a new attempt beside the old ones.
/// </summary>
public static class AssessmentLifecycle
{
    public const string SystemActor = "system";
    public const int MaxReasonLength = 1000;
    public const int MaxExtensionDays = 365;

    public static Assessment Create(string id, ChallengePlan plan, PurchaseRequest request, string paymentReference, DateTimeOffset now) =>
        new(id, plan.Id, plan.Name, request.TraderId, AssessmentStatus.Pending, Attempt: 1, PhaseIndex: 0, plan.Phases.Count,
            CurrentAccountId: null, now, now, plan.Price, paymentReference, request.PurchaseId, Phases: Array.Empty<AssessmentPhase>(),
            Transitions: new[] { new StatusTransition(now, null, AssessmentStatus.Pending, 1, 0, TransitionCause.Purchased, null,
                request.TraderId, null, null) });

    /// <summary>Pending → active: phase 1 of attempt 1 opens.</summary>
    public static LifecycleStep Activate(Assessment a, ChallengePlan plan, DateTimeOffset now)
    {
        if (a.Status != AssessmentStatus.Pending)
            return new LifecycleStep(a);
        var phase = NewPhase(a.Id, plan, a.Attempt, 0, now);
        var transition = Transition(a, now, AssessmentStatus.Active, a.Attempt, 0, TransitionCause.PhaseStarted, null, SystemActor, null, null);
        return new LifecycleStep(With(a, transition, AssessmentStatus.Active, phases: Append(a.Phases, phase)), transition,
            Start: new PhaseStart(phase, plan.Phases[0], plan.AccountSize));
    }

    /// <summary>The book of the current phase reports its end: a pass moves on, a breach fails, a deadline expires.</summary>
    public static LifecycleStep PhaseEnded(Assessment a, ChallengePlan plan, PhaseOutcome outcome, DateTimeOffset now)
    {
        var current = a.CurrentPhase;
        var running = a.Status is AssessmentStatus.Active or AssessmentStatus.Funded;
        if (!running || current is null || current.Outcome is not null || current.AccountId != outcome.AccountId)
            return new LifecycleStep(a);
        return outcome.Status switch
        {
            PhaseStatus.Passed when a.Status == AssessmentStatus.Active =>
                Advance(a, plan, outcome.EndedAt, TransitionCause.PhasePassed, outcome.EndedBy, SystemActor, null, outcome.Evidence, stop: null),
            PhaseStatus.Failed => End(a, outcome.EndedAt, AssessmentStatus.Failed, PhaseStatus.Failed, TransitionCause.RuleBreached,
                outcome.EndedBy, SystemActor, null, outcome.Evidence, stop: null),
            PhaseStatus.Expired => End(a, outcome.EndedAt, AssessmentStatus.Expired, PhaseStatus.Expired, TransitionCause.TimeExpired,
                outcome.EndedBy, SystemActor, null, outcome.Evidence, stop: null),
            // A funded account has no phase to pass; an "active" outcome is not an end.
            _ => new LifecycleStep(a),
        };
    }

    public static LifecycleStep EvaluatorPass(Assessment a, ChallengePlan plan, EvaluatorDecision decision, EvaluatorRoster roster, DateTimeOffset now)
    {
        if (Authorize(a, decision, roster) is { } refused)
            return refused;
        if (a.Status != AssessmentStatus.Active)
            return NotNow(a, "pass", "active");
        var stop = new PhaseStop(a.CurrentAccountId!, PhaseStatus.Passed, "evaluator", decision.Reason);
        return Advance(a, plan, now, TransitionCause.EvaluatorPassed, "evaluator", decision.EvaluatorId, decision.Reason, null, stop);
    }

    public static LifecycleStep EvaluatorFail(Assessment a, EvaluatorDecision decision, EvaluatorRoster roster, DateTimeOffset now)
    {
        if (Authorize(a, decision, roster) is { } refused)
            return refused;
        if (a.Status is not (AssessmentStatus.Active or AssessmentStatus.Funded))
            return NotNow(a, "fail", "active or funded");
        var stop = new PhaseStop(a.CurrentAccountId!, PhaseStatus.Failed, "evaluator", decision.Reason);
        return End(a, now, AssessmentStatus.Failed, PhaseStatus.Failed, TransitionCause.EvaluatorFailed, "evaluator",
            decision.EvaluatorId, decision.Reason, null, stop);
    }

    public static LifecycleStep EvaluatorReset(Assessment a, ChallengePlan plan, EvaluatorDecision decision, EvaluatorRoster roster, DateTimeOffset now)
    {
        if (Authorize(a, decision, roster) is { } refused)
            return refused;
        if (a.Status == AssessmentStatus.Pending)
            return NotNow(a, "reset", "past pending");
        return NewAttempt(a, plan, now, TransitionCause.EvaluatorReset, decision.EvaluatorId, decision.Reason);
    }

    /// <summary>Moves the running phase's time limit later; a phase without a time limit has nothing to extend.</summary>
    public static LifecycleStep EvaluatorExtend(Assessment a, ChallengePlan plan, EvaluatorDecision decision, int days, EvaluatorRoster roster, DateTimeOffset now)
    {
        if (Authorize(a, decision, roster) is { } refused)
            return refused;
        if (days is < 1 or > MaxExtensionDays)
            return Refuse(a, AssessmentErrorCode.InvalidField, $"must be a whole number of days from 1 to {MaxExtensionDays}.", "days");
        if (a.Status is not (AssessmentStatus.Active or AssessmentStatus.Funded))
            return NotNow(a, "extend", "active or funded");
        var rules = a.PhaseIndex < plan.Phases.Count ? plan.Phases[a.PhaseIndex] : plan.Funded;
        if (rules?.TimeLimitDays is null)
            return Refuse(a, AssessmentErrorCode.InvalidTransition, "The current phase has no time limit to extend.");
        var transition = Transition(a, now, a.Status, a.Attempt, a.PhaseIndex, TransitionCause.EvaluatorExtended, $"extension of {days} days",
            decision.EvaluatorId, decision.Reason, null);
        return new LifecycleStep(With(a, transition, a.Status), transition);
    }

    /// <summary>The trader starts over: while active, or after the attempt failed or expired.</summary>
    public static LifecycleStep TraderReset(Assessment a, ChallengePlan plan, string traderId, string? reason, DateTimeOffset now)
    {
        if (Owner(a, traderId, reason) is { } refused)
            return refused;
        if (a.Status is not (AssessmentStatus.Active or AssessmentStatus.Failed or AssessmentStatus.Expired))
            return NotNow(a, "reset", "active, failed or expired");
        return NewAttempt(a, plan, now, TransitionCause.TraderReset, traderId, Blank(reason));
    }

    /// <summary>The trader gives up: while pending, active or funded.</summary>
    public static LifecycleStep Abandon(Assessment a, string traderId, string? reason, DateTimeOffset now)
    {
        if (Owner(a, traderId, reason) is { } refused)
            return refused;
        if (a.Status is not (AssessmentStatus.Pending or AssessmentStatus.Active or AssessmentStatus.Funded))
            return NotNow(a, "abandon", "pending, active or funded");
        var stop = a.CurrentAccountId is { } account && a.CurrentPhase?.Outcome is null
            ? new PhaseStop(account, PhaseStatus.Failed, "abandoned", Blank(reason) ?? "abandoned by the trader")
            : null;
        return End(a, now, AssessmentStatus.Abandoned, PhaseStatus.Failed, TransitionCause.TraderAbandoned, "abandoned", traderId,
            Blank(reason), null, stop);
    }

    private static LifecycleStep Advance(Assessment a, ChallengePlan plan, DateTimeOffset now, TransitionCause cause, string? rule,
        string actor, string? reason, RuleEvent? evidence, PhaseStop? stop)
    {
        var phases = CloseCurrent(a, now, PhaseStatus.Passed, rule ?? cause.ToString());
        var next = a.PhaseIndex + 1;
        if (next < plan.Phases.Count || plan.Funded is not null)
        {
            var funded = next >= plan.Phases.Count;
            var status = funded ? AssessmentStatus.Funded : AssessmentStatus.Active;
            var phase = NewPhase(a.Id, plan, a.Attempt, next, now);
            var transition = Transition(a, now, status, a.Attempt, next, cause, rule, actor, reason, evidence);
            return new LifecycleStep(With(a, transition, status, next, phases: Append(phases, phase)), transition, stop,
                new PhaseStart(phase, funded ? plan.Funded! : plan.Phases[next], plan.AccountSize));
        }
        var passed = Transition(a, now, AssessmentStatus.Passed, a.Attempt, a.PhaseIndex, cause, rule, actor, reason, evidence);
        return new LifecycleStep(With(a, passed, AssessmentStatus.Passed, phases: phases), passed, stop);
    }

    private static LifecycleStep End(Assessment a, DateTimeOffset now, AssessmentStatus status, PhaseStatus phaseStatus, TransitionCause cause,
        string? rule, string actor, string? reason, RuleEvent? evidence, PhaseStop? stop)
    {
        var phases = CloseCurrent(a, now, phaseStatus, rule ?? cause.ToString());
        var transition = Transition(a, now, status, a.Attempt, a.PhaseIndex, cause, rule, actor, reason, evidence);
        return new LifecycleStep(With(a, transition, status, phases: phases), transition, stop);
    }

    private static LifecycleStep NewAttempt(Assessment a, ChallengePlan plan, DateTimeOffset now, TransitionCause cause, string actor, string? reason)
    {
        var running = a.CurrentPhase is { Outcome: null } current ? current : null;
        var stop = running is null ? null : new PhaseStop(running.AccountId, PhaseStatus.Failed, "reset", reason ?? "reset");
        var phases = CloseCurrent(a, now, PhaseStatus.Failed, "reset");
        var attempt = a.Attempt + 1;
        var phase = NewPhase(a.Id, plan, attempt, 0, now);
        var transition = Transition(a, now, AssessmentStatus.Active, attempt, 0, cause, "reset", actor, reason, null);
        return new LifecycleStep(With(a, transition, AssessmentStatus.Active, 0, attempt, Append(phases, phase)), transition, stop,
            new PhaseStart(phase, plan.Phases[0], plan.AccountSize));
    }

    private static LifecycleStep? Authorize(Assessment a, EvaluatorDecision decision, EvaluatorRoster roster)
    {
        if (string.IsNullOrWhiteSpace(decision.EvaluatorId))
            return Refuse(a, AssessmentErrorCode.InvalidField, "is required: the evaluator taking the decision.", "evaluatorId");
        if (!roster.IsEvaluator(decision.EvaluatorId))
            return Refuse(a, AssessmentErrorCode.NotEvaluator, $"'{decision.EvaluatorId}' is not an evaluator.", "evaluatorId");
        if (string.IsNullOrWhiteSpace(decision.Reason))
            return Refuse(a, AssessmentErrorCode.InvalidField, "is required: an evaluator's decision must say why.", "reason");
        if (decision.Reason.Length > MaxReasonLength)
            return Refuse(a, AssessmentErrorCode.InvalidField, $"must be at most {MaxReasonLength} characters.", "reason");
        return null;
    }

    private static LifecycleStep? Owner(Assessment a, string traderId, string? reason)
    {
        if (!string.Equals(a.TraderId, traderId, StringComparison.Ordinal))
            return Refuse(a, AssessmentErrorCode.NotTrader, $"'{traderId}' is not the trader of this assessment.", "traderId");
        if (reason is { Length: > MaxReasonLength })
            return Refuse(a, AssessmentErrorCode.InvalidField, $"must be at most {MaxReasonLength} characters.", "reason");
        return null;
    }

    private static LifecycleStep NotNow(Assessment a, string command, string allowed) =>
        Refuse(a, AssessmentErrorCode.InvalidTransition,
            $"Cannot {command} an assessment that is {a.Status.ToString().ToLowerInvariant()}; it must be {allowed}.");

    private static LifecycleStep Refuse(Assessment a, AssessmentErrorCode code, string message, string? field = null) =>
        new(a, Error: new AssessmentError(code, message, field));

    private static AssessmentPhase NewPhase(string id, ChallengePlan plan, int attempt, int index, DateTimeOffset now) =>
        index < plan.Phases.Count
            ? new AssessmentPhase(attempt, index, plan.Phases[index].Name, AssessmentIds.PhaseAccount(id, attempt, index), now)
            : new AssessmentPhase(attempt, index, plan.Funded!.Name is { Length: > 0 } name ? name : "Funded", AssessmentIds.FundedAccount(id, attempt), now);

    /// <summary>The phases with the running one (if any) closed with this outcome.</summary>
    private static IReadOnlyList<AssessmentPhase> CloseCurrent(Assessment a, DateTimeOffset now, PhaseStatus outcome, string endedBy) =>
        a.CurrentPhase is { Outcome: null } current
            ? Append(a.Phases.Take(a.Phases.Count - 1).ToArray(), current with { EndedAt = now, Outcome = outcome, EndedBy = endedBy })
            : a.Phases;

    private static StatusTransition Transition(Assessment a, DateTimeOffset now, AssessmentStatus to, int attempt, int phaseIndex,
        TransitionCause cause, string? rule, string actor, string? reason, RuleEvent? evidence) =>
        new(now, a.Status, to, attempt, phaseIndex, cause, rule, actor, reason, evidence);

    private static Assessment With(Assessment a, StatusTransition transition, AssessmentStatus status, int? phaseIndex = null,
        int? attempt = null, IReadOnlyList<AssessmentPhase>? phases = null)
    {
        phases ??= a.Phases;
        return a with
        {
            Status = status,
            PhaseIndex = phaseIndex ?? a.PhaseIndex,
            Attempt = attempt ?? a.Attempt,
            Phases = phases,
            CurrentAccountId = phases.Count == 0 ? null : phases[^1].AccountId,
            UpdatedAt = transition.Time,
            Transitions = Append(a.Transitions, transition),
        };
    }

    /// <summary>
    /// A new array with the item at the end. Arrays on purpose: the state is stored as JSON with type names, and the
    /// compiler's own read-only types behind collection expressions cannot be named on the way back.
    /// </summary>
    private static T[] Append<T>(IReadOnlyList<T> list, T item)
    {
        var items = new T[list.Count + 1];
        for (var i = 0; i < list.Count; i++)
            items[i] = list[i];
        items[^1] = item;
        return items;
    }

    private static string? Blank(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason;
}
