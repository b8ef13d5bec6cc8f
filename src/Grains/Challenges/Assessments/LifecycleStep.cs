using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// What one lifecycle decision asks of the grain: the assessment as it now is, the transition to record, the phase
/// account to stop (flatten and end) and the one to open. <see cref="Error"/> set means refused, nothing changed;
/// no transition and no error means the input did not apply (a stale phase outcome) and is ignored.
/// </summary>
public sealed record LifecycleStep(
    Assessment Assessment,
    StatusTransition? Transition = null,
    PhaseStop? Stop = null,
    PhaseStart? Start = null,
    AssessmentError? Error = null)
{
    public bool Changed => Transition is not null;
}

/// <summary>Opens a phase's account: a fresh account of the plan's size running <see cref="Rules"/>.</summary>
public sealed record PhaseStart(AssessmentPhase Phase, PhaseRules Rules, decimal AccountSize);

/// <summary>Ends a running phase's evaluation by the assessment's decision: the book flattens and stops.</summary>
public sealed record PhaseStop(string AccountId, PhaseStatus Status, string Rule, string Reason);
