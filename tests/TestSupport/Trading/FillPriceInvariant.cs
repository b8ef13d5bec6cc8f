using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

/// <summary>
/// What a fill may be, whatever the order rules say: a price the market offered. Every fill names the quote it
/// executed against (its symbol and <see cref="Fill.QuoteSequence"/>); a buy pays that quote's ask and a sell gets its
/// bid, a limit at its limit or better, moved only by slippage, which is never in the trader's favour and at most
/// the account's slippage terms (fixed bps + bps per lot) plus one tick of rounding. It does not depend on
/// docs/trading.md's fill rules, so a rule that fills off-market fails it even when the engine and the oracle share
/// the rule.
/// </summary>
public sealed class FillPriceInvariant(SlippageTerms slippage, Func<string, InstrumentSpec?> findInstrument)
{
    private readonly Dictionary<(string Symbol, long Sequence), Quote> quotes = [];

    /// <summary>Every quote the run applies: the fills are checked against them.</summary>
    public void Saw(Quote quote) => quotes.TryAdd((quote.Symbol, quote.Sequence), quote);

    public int FillsChecked { get; private set; }

    public IEnumerable<string> Check(Fill fill, Order? order)
    {
        FillsChecked++;
        var where = $"fill {fill.Id} ({fill.Side} {fill.Quantity} {fill.Symbol} @ {fill.Price}, quote #{fill.QuoteSequence})";
        if (!quotes.TryGetValue((fill.Symbol, fill.QuoteSequence), out var quote))
        {
            yield return $"{where}: no quote of the run has this sequence";
            yield break;
        }
        if (order is null)
        {
            yield return $"{where}: its order {fill.OrderId} is unknown";
            yield break;
        }

        var buy = fill.Side == OrderSide.Buy;
        var touch = buy ? quote.Ask : quote.Bid;
        var spec = findInstrument(fill.Symbol)!;
        // Worst price the slippage terms allow: the touch moved by the full bps, then one tick of rounding.
        var bps = slippage.FixedBps + slippage.BpsPerLot * fill.Quantity / spec.LotSize;
        var worst = buy ? touch * (1m + bps / 10_000m) + spec.TickSize : touch * (1m - bps / 10_000m) - spec.TickSize;

        if (buy ? fill.Price < touch : fill.Price > touch)
            yield return $"{where}: better for the trader than the touch {touch} (bid {quote.Bid} / ask {quote.Ask})";
        if (buy ? fill.Price > worst : fill.Price < worst)
            yield return $"{where}: beyond the touch {touch} by more than the slippage terms allow ({worst})";
        if (order.Type is OrderType.Limit or OrderType.StopLimit)
        {
            // No slippage on a limit: the touch, or its limit where the touch went through it.
            if (fill.Price != touch && fill.Price != order.LimitPrice) yield return $"{where}: a limit fills at the touch {touch} or its limit";
            if (order.LimitPrice is { } limit && (buy ? fill.Price > limit : fill.Price < limit))
                yield return $"{where}: worse than its limit {limit}";
        }
    }
}
