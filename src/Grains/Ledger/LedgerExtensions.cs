namespace Crucible.Grains.Ledger;

public static class LedgerExtensions
{
    /// <summary>Appends one entry; see <see cref="ILedger.AppendAsync"/>.</summary>
    public static ValueTask AppendAsync(this ILedger ledger, LedgerEntry entry, CancellationToken cancellationToken = default) =>
        ledger.AppendAsync([entry], cancellationToken);
}
