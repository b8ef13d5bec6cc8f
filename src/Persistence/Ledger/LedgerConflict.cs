namespace Crucible.Persistence.Ledger;

/// <summary>A staged entry (by its ordinal in the batch) whose natural key the table holds with different content.</summary>
internal sealed record LedgerConflict(int Ordinal, string Table, string Key);
