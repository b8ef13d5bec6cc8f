using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Ledger;

/// <summary>A periodic balance and equity sample for charts and audits. Key: (account, sample time).</summary>
public sealed record EquitySampled(string AccountId, EquitySample Sample) : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AccountId, nameof(AccountId));
        ArgumentNullException.ThrowIfNull(Sample);
    }
}
