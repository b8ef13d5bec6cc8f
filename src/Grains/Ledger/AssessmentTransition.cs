namespace Crucible.Grains.Ledger;

/// <summary>
/// An assessment's status change: who (<see cref="Actor"/>: the engine or an evaluator) moved it from what to what
/// in which phase, why (<see cref="Cause"/>, and an evaluator's <see cref="Reason"/>). <see cref="Sequence"/> counts
/// the attempt's transitions from 1. Key: (assessment, attempt, sequence).
/// </summary>
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
    DateTimeOffset Time) : LedgerEntry
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
    }
}
