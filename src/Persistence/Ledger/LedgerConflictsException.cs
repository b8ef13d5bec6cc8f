namespace Crucible.Persistence.Ledger;

/// <summary>Thrown by <see cref="LedgerBatch"/> after rolling a batch back because some of its entries conflict.</summary>
internal sealed class LedgerConflictsException(IReadOnlyList<LedgerConflict> conflicts)
    : Exception($"{conflicts.Count} ledger entries reuse a stored natural key with different content.")
{
    public IReadOnlyList<LedgerConflict> Conflicts { get; } = conflicts;
}
