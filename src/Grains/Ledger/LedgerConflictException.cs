namespace Crucible.Grains.Ledger;

/// <summary>
/// An append reused a natural key the ledger already holds (or that an earlier append of the same batch holds) with
/// different content. Nothing of that append was stored; retrying it cannot succeed. Retrying the same content
/// under the same key is not a conflict: it is stored once and acknowledged.
/// </summary>
public sealed class LedgerConflictException(string table, string key)
    : InvalidOperationException($"The ledger already holds a different row in {table} for {key}: the append was refused and nothing of it was stored.")
{
    /// <summary>The ledger table, e.g. <c>ledger_fills</c>.</summary>
    public string Table { get; } = table;

    /// <summary>The natural key as the database printed it, e.g. <c>account_id = 'a', fill_id = 'F-1'</c>.</summary>
    public string Key { get; } = key;
}
