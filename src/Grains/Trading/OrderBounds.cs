using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderErrorCode;

namespace Crucible.Grains.Trading;

/// <summary>
/// The instrument's order bounds (docs/trading.md "Bounds"), checked after validation and before anything is recorded:
/// maximum quantity, maximum notional at every price the order may execute at, and the price band around the latest
/// quote. With them every product the book forms (notional, commission, P&amp;L, exposure) stays many orders of
/// magnitude inside decimal's range, so a quote can never make an admitted order overflow.
/// </summary>
internal static class OrderBounds
{
    public static OrderError? Check(OrderRequest r, InstrumentSpec spec, Quote? quote, decimal positionBefore)
    {
        var limits = spec.OrderLimits;
        // Like buying power, size never stops a trader from reducing or closing what they hold.
        var opens = !ReducesOnly(r, positionBefore);
        if (opens && r.Quantity > limits.MaxQuantity) return Error(QuantityTooLarge, "quantity", $"at most {limits.MaxQuantity}");

        foreach (var (field, price) in NamedPrices(r))
        {
            if (Band(limits, quote) is var (low, high) && (price < low || price > high))
                return Error(PriceOutOfBand, field, $"within [{low}, {high}] around bid {quote!.Bid} / ask {quote.Ask}");
            if (ExceedsNotional(limits, spec, r.Quantity, price))
                return NotionalError(limits, spec, field, price);
        }

        if (r.TrailAmount is { } amount)
        {
            if (Band(limits, quote) is var (low, high))
            {
                var firstStop = r.Side == OrderSide.Sell ? quote!.Bid - amount : quote!.Ask + amount;
                if (firstStop < low || firstStop > high)
                    return Error(PriceOutOfBand, "trailAmount", $"the first stop, {firstStop}, must lie within [{low}, {high}]");
            }
            else if (ExceedsNotional(limits, spec, r.Quantity, amount))
            {
                return NotionalError(limits, spec, "trailAmount", amount);
            }
        }

        // Orders that open exposure may execute at the touch (market orders, triggered stops, trailing stops).
        if (opens && quote is not null && ExceedsNotional(limits, spec, r.Quantity, r.Side == OrderSide.Buy ? quote.Ask : quote.Bid))
            return Error(NotionalTooLarge, "quantity", $"at most {limits.MaxNotional} at the market");
        return null;
    }

    /// <summary>[bid ÷ band, ask × band] of the latest quote, or null without a quote or a band.</summary>
    private static (decimal Low, decimal High)? Band(InstrumentLimits limits, Quote? quote) =>
        quote is null || limits.PriceBand is not { } band ? null : (quote.Bid / band, quote.Ask * band);

    private static bool ReducesOnly(OrderRequest r, decimal positionBefore)
    {
        var closing = r.Side == OrderSide.Buy ? positionBefore < 0m : positionBefore > 0m;
        return closing && r.Class == OrderClass.Simple && r.Quantity <= Math.Abs(positionBefore);
    }

    private static IEnumerable<(string Field, decimal Price)> NamedPrices(OrderRequest r)
    {
        if (r.LimitPrice is { } limit) yield return ("limitPrice", limit);
        if (r.StopPrice is { } stop) yield return ("stopPrice", stop);
        if (r.TakeProfit is { } tp) yield return ("takeProfit.limitPrice", tp.LimitPrice);
        if (r.StopLoss is { } sl)
        {
            yield return ("stopLoss.stopPrice", sl.StopPrice);
            if (sl.LimitPrice is { } slLimit) yield return ("stopLoss.limitPrice", slLimit);
        }
    }

    /// <summary>quantity × price × multiplier &gt; max notional, computed by division so it cannot overflow.</summary>
    private static bool ExceedsNotional(InstrumentLimits limits, InstrumentSpec spec, decimal quantity, decimal price) =>
        price > limits.MaxNotional / (quantity * spec.Multiplier);

    /// <summary>A price that is too large even for one lot is the price's fault; otherwise the quantity's.</summary>
    private static OrderError NotionalError(InstrumentLimits limits, InstrumentSpec spec, string field, decimal price) =>
        Error(NotionalTooLarge, ExceedsNotional(limits, spec, spec.LotSize, price) ? field : "quantity",
            $"at most {limits.MaxNotional} at {price}");

    private static OrderError Error(OrderErrorCode code, string field, string detail) =>
        new(code, field, $"{OrderErrors.Describe(code)} ({field}: {detail})");
}
