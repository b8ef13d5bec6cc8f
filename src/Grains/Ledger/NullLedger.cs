namespace Crucible.Grains.Ledger;

/// <summary>Embedded mode: keeps nothing, so every append is acknowledged at once.</summary>
public sealed class NullLedger : ILedger
{
    public static NullLedger Instance { get; } = new();

    public ValueTask AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return ValueTask.CompletedTask;
    }
}
