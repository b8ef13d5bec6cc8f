using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets.Feeds;

/// <summary>
/// Why a feed refuses a tick. Everything a feed publishes must be tradeable: on the tick grid, an
/// uncrossed positive book, a non-negative size, time moving forward, nothing after settlement.
/// </summary>
public static class TickValidator
{
    /// <summary>Null when the tick is acceptable, else the reason naming the field.</summary>
    public static string? Check(InstrumentSpec spec, MarketTick tick, Quote? previous)
    {
        if (previous is { IsSettled: true })
            return $"{spec.Symbol} has settled at {previous.Settlement}; it takes no more ticks";
        if (tick.Settlement is { } settlement)
        {
            if (spec.Kind != InstrumentKind.Prediction)
                return "settlement: only prediction contracts settle";
            if (settlement is not (0m or 1m))
                return "settlement: must be exactly 0 or 1";
            if (tick.Bid != settlement || tick.Ask != settlement || tick.Last != settlement)
                return "settlement: bid, ask and last must all equal the settlement value";
        }
        else
        {
            if (tick.Bid <= 0) return "bid: must be positive";
            if (tick.Ask <= 0) return "ask: must be positive";
            if (tick.Last <= 0) return "last: must be positive";
            if (tick.Bid > tick.Ask) return "bid: must not be above the ask (crossed book)";
            if (!OnGrid(tick.Bid, spec.TickSize)) return $"bid: {tick.Bid} is off the tick grid {spec.TickSize}";
            if (!OnGrid(tick.Ask, spec.TickSize)) return $"ask: {tick.Ask} is off the tick grid {spec.TickSize}";
            if (!OnGrid(tick.Last, spec.TickSize)) return $"last: {tick.Last} is off the tick grid {spec.TickSize}";
            if (spec.Kind == InstrumentKind.Prediction && tick.Ask >= 1)
                return "ask: a prediction contract trades below 1";
        }
        if (tick.Size < 0) return "size: must not be negative";
        if (tick.BidSize < 0) return "bidSize: must not be negative";
        if (tick.AskSize < 0) return "askSize: must not be negative";
        if (previous is not null && tick.Time < previous.Time)
            return $"time: {tick.Time:O} is before the previous tick at {previous.Time:O}";
        return null;
    }

    private static bool OnGrid(decimal price, decimal tick) => price % tick == 0;
}
