namespace Crucible.Grains.Ledger;

/// <summary>
/// A prediction contract's settlement closing a position at <see cref="Price"/> (0 or 1) without a fill or
/// commission (docs/trading.md). <see cref="Quantity"/> is the signed quantity it closed. Key: (account, symbol,
/// quote sequence).
/// </summary>
public sealed record PositionSettled(
    string AccountId, string Symbol, decimal Quantity, decimal Price, decimal RealizedPnl, DateTimeOffset Time, long QuoteSequence)
    : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AccountId, nameof(AccountId));
        RequireId(Symbol, nameof(Symbol));
    }
}
