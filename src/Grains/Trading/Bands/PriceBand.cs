using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Trading.Bands;

/// <summary>
/// The open ranges of one symbol's bid and ask inside which a quote cannot change the account's state (docs/scale.md
/// "Price band"). <see cref="decimal.MinValue"/> and <see cref="decimal.MaxValue"/> stand for no edge.
/// </summary>
public readonly record struct PriceBand(decimal BidLow, decimal BidHigh, decimal AskLow, decimal AskHigh)
{
    public static readonly PriceBand Unbounded = new(decimal.MinValue, decimal.MaxValue, decimal.MinValue, decimal.MaxValue);

    /// <summary>Strictly inside on both sides; a settlement is never quiet.</summary>
    public bool Admits(Quote quote) =>
        quote.Settlement is null
        && quote.Bid > BidLow && quote.Bid < BidHigh
        && quote.Ask > AskLow && quote.Ask < AskHigh;
}
