using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Grains.Trading;

/// <summary>When each order type triggers, when it is marketable and at what price it fills (docs/trading.md, "Fill model").</summary>
internal static class TriggerRules
{
    public static bool NeedsTrigger(Order o) => o.Type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop;

    /// <summary>A trailing stop's watermark and stop after <paramref name="quote"/>; frozen once it has triggered.</summary>
    public static Order Trail(Order o, Quote quote, InstrumentSpec spec)
    {
        if (o.Type != OrderType.TrailingStop || o.Triggered) return o;
        var watermark = o.Side == OrderSide.Sell
            ? Math.Max(o.Watermark ?? quote.Bid, quote.Bid)
            : Math.Min(o.Watermark ?? quote.Ask, quote.Ask);
        return o with { Watermark = watermark, StopPrice = TrailingStop(o, watermark, spec) };
    }

    public static bool StopReached(Order o, Quote quote) =>
        o.StopPrice is { } stop && (o.Side == OrderSide.Buy ? quote.Ask >= stop : quote.Bid <= stop);

    public static bool IsMarketable(Order o, Quote quote) => o.Type switch
    {
        OrderType.Market => true,
        OrderType.Limit => LimitCrossed(o, quote),
        OrderType.StopLimit => o.Triggered && LimitCrossed(o, quote),
        _ => o.Triggered,
    };

    public static decimal FillPrice(Order o, Quote quote, InstrumentSpec spec, decimal quantity, ISlippageModel slippage)
    {
        var touch = o.Side == OrderSide.Buy ? quote.Ask : quote.Bid;
        return o.Type switch
        {
            OrderType.Limit or OrderType.StopLimit => touch,
            // A triggered stop (or trailing stop) is a market order: it takes the touch, gapped or not, and pays
            // slippage like one. Filling at the stop price would sell above the bid or buy below the ask: a price
            // the market never offered.
            _ => slippage.MarketFillPrice(spec, o.Side, touch, quantity),
        };
    }

    private static bool LimitCrossed(Order o, Quote quote) =>
        o.Side == OrderSide.Buy ? quote.Ask <= o.LimitPrice : quote.Bid >= o.LimitPrice;

    private static decimal TrailingStop(Order o, decimal watermark, InstrumentSpec spec)
    {
        if (o.TrailAmount is { } amount) return o.Side == OrderSide.Sell ? watermark - amount : watermark + amount;
        var percent = o.TrailPercent!.Value;
        return o.Side == OrderSide.Sell
            ? PriceGrid.FloorToTick(watermark * (1m - percent / 100m), spec.TickSize)
            : PriceGrid.CeilToTick(watermark * (1m + percent / 100m), spec.TickSize);
    }
}
