using Crucible.Grains.Challenges.Snapshots;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>
/// The facts of a phase that several rules read: the current trading day and its anchors, each day's closed P&amp;L,
/// the trades and the last fill. The engine updates it; rules only read it.
/// </summary>
public sealed class PhaseProgress
{
    private readonly Dictionary<DateTimeOffset, decimal> closedPnlByDay = [];
    // Trades by order id, and fills without one (each its own trade), apart so that no key is built per fill.
    private readonly HashSet<string> orders = new(StringComparer.Ordinal);
    private readonly HashSet<string> unorderedFills = new(StringComparer.Ordinal);
    private decimal? bestDayProfit = 0m;

    public PhaseProgress(decimal initialBalance, DateTimeOffset startedAt, DateTimeOffset dayStart)
    {
        InitialBalance = initialBalance;
        StartedAt = startedAt;
        DayStart = dayStart;
        DayStartBalance = initialBalance; // day 1's anchors are the initial balance
        DayStartEquity = initialBalance;
    }

    public decimal InitialBalance { get; }
    public DateTimeOffset StartedAt { get; }

    /// <summary>The reset that began the current trading day.</summary>
    public DateTimeOffset DayStart { get; private set; }

    /// <summary>B₀: the balance at the day's start.</summary>
    public decimal DayStartBalance { get; private set; }

    /// <summary>E₀: the equity at the day's start.</summary>
    public decimal DayStartEquity { get; private set; }

    public DateTimeOffset? LastFillAt { get; private set; }

    /// <summary>Closed P&amp;L (Σ fillNetPnl) of each day that had at least one fill, keyed by the day's reset.</summary>
    public IReadOnlyDictionary<DateTimeOffset, decimal> ClosedPnlByDay => closedPnlByDay;

    /// <summary>Orders with at least one fill.</summary>
    public int TradeCount => orders.Count + unorderedFills.Count;

    /// <summary>The best day's closed P&amp;L over positive days (the current one included), or 0.</summary>
    public decimal BestDayProfit => bestDayProfit ??= BestOf(closedPnlByDay);

    internal PhaseProgressSnapshot Snapshot() => new(
        DayStart, DayStartBalance, DayStartEquity, LastFillAt,
        [.. closedPnlByDay.Select(d => new DayPnl(d.Key, d.Value))], [.. orders], [.. unorderedFills]);

    internal void Restore(PhaseProgressSnapshot snapshot)
    {
        DayStart = snapshot.DayStart;
        DayStartBalance = snapshot.DayStartBalance;
        DayStartEquity = snapshot.DayStartEquity;
        LastFillAt = snapshot.LastFillAt;
        closedPnlByDay.Clear();
        foreach (var day in snapshot.ClosedPnlByDay) closedPnlByDay.Add(day.Day, day.Pnl);
        orders.Clear();
        orders.UnionWith(snapshot.TradedOrders);
        unorderedFills.Clear();
        unorderedFills.UnionWith(snapshot.UnorderedFills);
        bestDayProfit = null;
    }

    internal void StartDay(DateTimeOffset dayStart, decimal balance, decimal equity)
    {
        DayStart = dayStart;
        DayStartBalance = balance;
        DayStartEquity = equity;
    }

    internal void RecordFill(Observation fill)
    {
        LastFillAt = fill.Time;
        closedPnlByDay[DayStart] = closedPnlByDay.GetValueOrDefault(DayStart) + (fill.FillNetPnl ?? 0m);
        bestDayProfit = null; // the day's P&L changed: the best day is worked out again when asked
        // A fill without an order id is its own trade.
        if (fill.OrderId is { } order) orders.Add(order);
        else unorderedFills.Add(fill.FillId ?? fill.Time.ToString("O"));
    }

    /// <summary>The largest positive value, or 0 (a loop, not LINQ: the objectives ask at every observation).</summary>
    private static decimal BestOf(Dictionary<DateTimeOffset, decimal> pnlByDay)
    {
        var best = 0m;
        var any = false;
        foreach (var pnl in pnlByDay.Values)
        {
            if (pnl <= 0m || (any && pnl <= best)) continue;
            best = pnl;
            any = true;
        }
        return best;
    }
}
