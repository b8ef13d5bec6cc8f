using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Ledger;

/// <summary>
/// An assessment account's phase as it stood at the end of an append (<see cref="PhaseSnapshot"/>), with the last quote
/// the book had applied of each symbol it held or worked orders in: the point a rebuilt account resumes its phase from,
/// judging the feed's quotes after those (docs/durability.md "Assessment accounts"). Written with every append of an
/// assessment account, so no entry is ever later than the account's latest snapshot. <see cref="Sequence"/> counts the
/// account's snapshots from 1. Key: (account, sequence).
/// </summary>
public sealed record PhaseSnapshotRecorded(string AccountId, long Sequence, PhaseSnapshot Snapshot, IReadOnlyList<Quote> Quotes) : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AccountId, nameof(AccountId));
        Require(Sequence >= 1, nameof(Sequence), "must be at least 1");
        ArgumentNullException.ThrowIfNull(Snapshot);
        ArgumentNullException.ThrowIfNull(Quotes);
    }
}
