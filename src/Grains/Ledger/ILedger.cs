namespace Crucible.Grains.Ledger;

/// <summary>
/// Where grains append their history. Durable mode writes to PostgreSQL with group commit; embedded mode keeps
/// nothing (<see cref="NullLedger"/>).
/// </summary>
public interface ILedger
{
    /// <summary>
    /// Appends <paramref name="entries"/> in one transaction and completes when they are durable (committed), in the
    /// order given. Throws <see cref="LedgerUnavailableException"/> when they could not be made durable: they may or
    /// may not have been stored, so the caller retries the same entries (their natural keys store them once) or
    /// refuses the operation. Throws <see cref="LedgerConflictException"/>, having stored none of the entries, when one
    /// reuses a natural key the ledger holds with different content (the same content is stored once and succeeds).
    /// Throws <see cref="ArgumentException"/> for an entry that can never be stored.
    /// Cancellation stops the wait, not the write: a canceled append may still become durable.
    /// </summary>
    ValueTask AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether appended entries are kept to be read back. Entries that only serve a rebuild (a phase snapshot) are not
    /// built for a ledger that keeps nothing: on the order path that would be work thrown away.
    /// </summary>
    bool KeepsHistory => true;
}
