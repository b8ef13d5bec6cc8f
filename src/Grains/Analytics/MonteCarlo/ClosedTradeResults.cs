using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// Net P&amp;L per closed trade, derived simply from fills until the analytics' round-trip trades replace it: a trade is
/// an order whose fills realized P&amp;L; its net is Σ realized − Σ its commissions − the commissions of the orders that
/// opened the symbol's position since its last closing order (so every commission is counted once). Orders that only
/// open are not trades.
/// </summary>
public static class ClosedTradeResults
{
    public static IReadOnlyList<ClosedTrade> FromFills(IReadOnlyList<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var openingCommission = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var trades = new List<ClosedTrade>();
        // Orders in the order of their first fill; a symbol's opening commissions wait for its next closing order.
        foreach (var order in fills.OrderBy(f => f.Time).GroupBy(f => f.OrderId, StringComparer.Ordinal))
        {
            var symbol = order.First().Symbol;
            var realized = order.Sum(f => f.RealizedPnl);
            var commission = order.Sum(f => f.Commission);
            if (order.All(f => f.RealizedPnl == 0m))
            {
                openingCommission[symbol] = openingCommission.GetValueOrDefault(symbol) + commission;
                continue;
            }
            var net = realized - commission - openingCommission.GetValueOrDefault(symbol);
            openingCommission.Remove(symbol);
            trades.Add(new ClosedTrade(order.Key, symbol, order.Max(f => f.Time), net));
        }
        return trades;
    }

    /// <summary>The trader's closed trades per trading day that had one, rounded, from 1 to <see cref="MonteCarloSource.MaxTradesPerDay"/>.</summary>
    public static int TradesPerDay(IReadOnlyList<ClosedTrade> trades, TradingDayClock clock)
    {
        ArgumentNullException.ThrowIfNull(trades);
        ArgumentNullException.ThrowIfNull(clock);
        if (trades.Count == 0) return 1;
        var days = trades.Select(t => clock.DayStart(t.ClosedAt)).Distinct().Count();
        var perDay = (int)Math.Round((double)trades.Count / days, MidpointRounding.AwayFromZero);
        return Math.Clamp(perDay, 1, MonteCarloSource.MaxTradesPerDay);
    }
}

/// <summary>One closed trade: the order that closed it, its symbol, when it closed and its net P&amp;L.</summary>
public sealed record ClosedTrade(string OrderId, string Symbol, DateTimeOffset ClosedAt, decimal NetPnl);
