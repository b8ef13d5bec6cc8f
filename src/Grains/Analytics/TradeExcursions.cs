using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Analytics;

/// <summary>
/// MAE and MFE of round trips from the account's own equity samples (docs/statistics.md "MAE and MFE"). The engine keeps
/// no per-symbol price history beyond the feed's short window of last-trade bars, but every equity sample records the
/// account marked at the quotes the book held then (longs at the bid, shorts at the ask). When one symbol is the only
/// one open, equity − balance is that position's unrealized P&amp;L, so its mark is
/// average entry + (equity − balance) ÷ (quantity × multiplier), and each lot's P&amp;L at that mark follows. Points: every
/// such sample from the entry up to (not at) the exit, and the exit itself. MAE = min(0, lowest), MFE = max(0, highest);
/// null when no sample isolates the trade (another symbol open at every sample, or no samples: a paper account).
/// </summary>
public static class TradeExcursions
{
    private sealed record Holding(decimal Quantity, decimal Average);

    public static IReadOnlyList<RoundTrip> Apply(IReadOnlyList<RoundTrip> trades, IReadOnlyList<Fill> fills, IReadOnlyList<ContractSettlement> settlements,
        Func<string, decimal> multiplierOf, IReadOnlyList<EquitySample> samples)
    {
        // The book's average-cost positions after each fill or settlement, as the account was marked.
        var times = new List<DateTimeOffset>();
        var states = new List<IReadOnlyDictionary<string, Holding>>();
        var held = new Dictionary<string, Holding>(StringComparer.Ordinal);
        foreach (var (symbol, time, fill, _) in RoundTripBuilder.Events(fills, settlements))
        {
            if (fill is null)
                held.Remove(symbol);
            else
                Move(held, fill);
            times.Add(time);
            states.Add(new Dictionary<string, Holding>(held, StringComparer.Ordinal));
        }

        return [.. trades.Select(t => Excursion(t, samples, times, states))];
    }

    private static RoundTrip Excursion(RoundTrip trade, IReadOnlyList<EquitySample> samples, List<DateTimeOffset> times,
        List<IReadOnlyDictionary<string, Holding>> states)
    {
        var sign = trade.Direction == TradeDirection.Long ? 1 : -1;
        decimal? low = null, high = null;
        foreach (var sample in samples)
        {
            if (sample.Time < trade.EntryTime || sample.Time >= trade.ExitTime) continue;
            var at = times.FindLastIndex(t => t <= sample.Time);
            if (at < 0 || states[at].Count != 1 || !states[at].TryGetValue(trade.Symbol, out var h) || h.Quantity == 0m) continue;
            var mark = h.Average + (sample.Equity - sample.Balance) / (h.Quantity * trade.Multiplier);
            var pnl = RoundTripBuilder.Cents((mark - trade.EntryPrice) * trade.Quantity * trade.Multiplier * sign);
            low = low is null ? pnl : Math.Min(low.Value, pnl);
            high = high is null ? pnl : Math.Max(high.Value, pnl);
        }
        if (low is null) return trade;
        return trade with
        {
            Mae = Math.Min(0m, Math.Min(low.Value, trade.GrossPnl)),
            Mfe = Math.Max(0m, Math.Max(high!.Value, trade.GrossPnl)),
        };
    }

    // Average cost as the book keeps it: adding moves the average, reducing keeps it, a flip opens at the fill price.
    private static void Move(Dictionary<string, Holding> held, Fill fill)
    {
        var signed = fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        var h = held.GetValueOrDefault(fill.Symbol) ?? new Holding(0m, 0m);
        Holding next;
        if (h.Quantity == 0m || Math.Sign(h.Quantity) == Math.Sign(signed))
            next = new Holding(h.Quantity + signed, (h.Average * Math.Abs(h.Quantity) + fill.Price * fill.Quantity) / (Math.Abs(h.Quantity) + fill.Quantity));
        else
        {
            var after = h.Quantity + signed;
            next = after == 0m ? new Holding(0m, 0m) : Math.Sign(after) == Math.Sign(h.Quantity) ? h with { Quantity = after } : new Holding(after, fill.Price);
        }
        if (next.Quantity == 0m) held.Remove(fill.Symbol);
        else held[fill.Symbol] = next;
    }
}
