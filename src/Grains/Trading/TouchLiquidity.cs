using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// What is left of the displayed size at the touch of each symbol's latest quote. Orders filling on the same
/// quote share it, oldest first; a new quote restores it. Null means unlimited.
/// </summary>
internal sealed class TouchLiquidity(bool limitFillsToTopOfBook)
{
    private readonly Dictionary<string, (decimal? Bid, decimal? Ask)> left = new(StringComparer.Ordinal);

    public void Reset(Quote quote) => left[quote.Symbol] = (quote.BidSize, quote.AskSize);

    public decimal? Available(string symbol, OrderSide side)
    {
        if (!limitFillsToTopOfBook || !left.TryGetValue(symbol, out var sizes)) return null;
        return side == OrderSide.Buy ? sizes.Ask : sizes.Bid;
    }

    public void Take(string symbol, OrderSide side, decimal quantity)
    {
        if (!left.TryGetValue(symbol, out var sizes)) return;
        left[symbol] = side == OrderSide.Buy
            ? (sizes.Bid, sizes.Ask - quantity)
            : (sizes.Bid - quantity, sizes.Ask);
    }
}
