using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Ledger;

/// <summary>
/// An assessment's purchase: the start of its history, with what a rebuild needs beside the transitions: who bought it,
/// the <see cref="Plan"/> as it was bought (a later catalog change does not move its goalposts), what was paid and the
/// payment's reference, and the caller's purchase id. Key: the assessment id.
/// </summary>
public sealed record AssessmentOpened(
    string AssessmentId,
    string TraderId,
    ChallengePlan Plan,
    decimal PricePaid,
    string PaymentReference,
    string? PurchaseId,
    DateTimeOffset Time) : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AssessmentId, nameof(AssessmentId));
        RequireId(TraderId, nameof(TraderId));
        ArgumentNullException.ThrowIfNull(Plan);
        RequireId(Plan.Id, "Plan.Id");
        Require(PricePaid >= 0m, nameof(PricePaid), "must not be negative");
        RequireId(PaymentReference, nameof(PaymentReference));
    }
}
