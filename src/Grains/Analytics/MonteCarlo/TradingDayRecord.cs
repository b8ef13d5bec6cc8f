using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// The trader's own trading days on the plan's trading-day clock, every day from the first to the last included (a
/// day without activity is a day of P&amp;L 0, so a path trades as often as the trader did).
/// </summary>
public static class TradingDayRecord
{
    /// <summary>
    /// From a phase's equity samples: each day opens at the previous day's closing equity (the first at
    /// <paramref name="initialBalance"/>), closes at its last sample's equity, and its low is the lowest sample equity
    /// below the open (intraday, not only closes). Trades are the distinct orders of the day's fills.
    /// </summary>
    public static IReadOnlyList<SourceDay> FromSamples(IReadOnlyList<EquitySample> samples, IReadOnlyList<Fill> fills, TradingDayClock clock,
        decimal initialBalance)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(clock);
        if (samples.Count == 0) return [];
        var ordered = samples.OrderBy(s => s.Time).ToList();
        var orders = OrdersByDay(fills, clock);
        var days = new List<SourceDay>();
        var open = initialBalance;
        var i = 0;
        for (var day = clock.DayStart(ordered[0].Time); i < ordered.Count; day = clock.NextReset(day))
        {
            var next = clock.NextReset(day);
            decimal close = open, low = open;
            for (; i < ordered.Count && ordered[i].Time < next; i++)
            {
                close = ordered[i].Equity;
                low = Math.Min(low, close);
            }
            days.Add(new SourceDay(close - open, low - open, orders.GetValueOrDefault(day)));
            open = close;
        }
        return days;
    }

    /// <summary>
    /// From fills alone (an account without equity samples): each day's P&amp;L is Σ (realized − commission) of its fills,
    /// its low the lowest running sum after a fill (≤ 0). Floating P&amp;L is not seen: a position's dip is missed.
    /// </summary>
    public static IReadOnlyList<SourceDay> FromFills(IReadOnlyList<Fill> fills, TradingDayClock clock)
    {
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(clock);
        if (fills.Count == 0) return [];
        var ordered = fills.OrderBy(f => f.Time).ToList();
        var days = new List<SourceDay>();
        var i = 0;
        for (var day = clock.DayStart(ordered[0].Time); i < ordered.Count; day = clock.NextReset(day))
        {
            var next = clock.NextReset(day);
            decimal pnl = 0m, low = 0m;
            var orders = new HashSet<string>(StringComparer.Ordinal);
            for (; i < ordered.Count && ordered[i].Time < next; i++)
            {
                pnl += ordered[i].RealizedPnl - ordered[i].Commission;
                low = Math.Min(low, pnl);
                orders.Add(ordered[i].OrderId);
            }
            days.Add(new SourceDay(pnl, low, orders.Count));
        }
        return days;
    }

    private static Dictionary<DateTimeOffset, int> OrdersByDay(IReadOnlyList<Fill> fills, TradingDayClock clock) =>
        fills.GroupBy(f => clock.DayStart(f.Time))
            .ToDictionary(g => g.Key, g => g.Select(f => f.OrderId).Distinct(StringComparer.Ordinal).Count());
}
