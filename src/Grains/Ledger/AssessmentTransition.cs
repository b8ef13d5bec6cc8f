using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Ledger;

/// <summary>
/// An assessment's status change: who (<see cref="Actor"/>: the engine or an evaluator) moved it from what to what
/// in which phase, why (<see cref="Cause"/>, <c>Cause:rule</c> when a rule decided, and a <see cref="Reason"/>), with the
/// rule event that is its <see cref="Evidence"/>. <see cref="Sequence"/> counts the attempt's transitions from 1.
/// Key: (assessment, attempt, sequence).
/// </summary>
/// <remarks>
/// What a rebuild needs to replay the change (<see cref="AssessmentRebuild"/>): the outcome it gave the phase it closed
/// (<see cref="PhaseEnded"/>, <see cref="PhaseEndedBy"/>), the phase account it opened (<see cref="PhaseOpened"/>,
/// <see cref="PhaseOpenedName"/>; that phase has this transition's attempt, phase and time), and the assessment's event
/// sequence after the events the change published (<see cref="EventSequence"/>). Rows recorded before these existed
/// hold nulls; their assessments cannot be rebuilt (they have no <see cref="AssessmentOpened"/> either).
/// </remarks>
public sealed record AssessmentTransition(
    string AssessmentId,
    int Attempt,
    long Sequence,
    int Phase,
    string From,
    string To,
    string Cause,
    string Actor,
    string? Reason,
    DateTimeOffset Time,
    RuleEvent? Evidence = null,
    PhaseStatus? PhaseEnded = null,
    string? PhaseEndedBy = null,
    string? PhaseOpened = null,
    string? PhaseOpenedName = null,
    long? EventSequence = null) : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AssessmentId, nameof(AssessmentId));
        Require(Attempt >= 1, nameof(Attempt), "must be at least 1");
        Require(Sequence >= 1, nameof(Sequence), "must be at least 1");
        Require(Phase >= 0, nameof(Phase), "must not be negative");
        RequireId(From, nameof(From));
        RequireId(To, nameof(To));
        RequireId(Cause, nameof(Cause));
        RequireId(Actor, nameof(Actor));
        Require(PhaseOpened is null || !string.IsNullOrWhiteSpace(PhaseOpenedName), nameof(PhaseOpenedName), "must name the phase opened");
        Require(EventSequence is null or >= 1, nameof(EventSequence), "must be at least 1");
    }
}
