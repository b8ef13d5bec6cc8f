using System.Globalization;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics;

/// <summary>Computes <see cref="TradingStatistics"/> (docs/statistics.md gives each formula and convention).</summary>
public static class Statistics
{
    /// <summary>Trading days a year for annualizing daily Sharpe, Sortino and Calmar.</summary>
    public const int AnnualizationDays = 252;

    /// <summary>The statistics over [<paramref name="from"/>, <paramref name="to"/>): trades by exit time, equity by sample time.</summary>
    public static TradingStatistics Compute(StatisticsInput input, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (to <= from) throw new ArgumentException("to must be later than from", nameof(to));
        var trades = input.Trades.Where(t => t.ExitTime >= from && t.ExitTime < to).OrderBy(t => t.ExitTime).ThenBy(t => t.Number).ToList();
        var curve = EquityCurve.Within(input.Equity, input.InitialBalance, from, to);
        var start = curve[0].Equity;
        var end = curve[^1].Equity;

        var wins = trades.Where(t => t.NetPnl > 0m).ToList();
        var losses = trades.Where(t => t.NetPnl < 0m).ToList();
        var net = trades.Sum(t => t.NetPnl);
        var grossWins = wins.Sum(t => t.NetPnl);
        var grossLosses = losses.Sum(t => t.NetPnl);
        decimal? averageWin = wins.Count > 0 ? Cents(grossWins / wins.Count) : null;
        decimal? averageLoss = losses.Count > 0 ? Cents(grossLosses / losses.Count) : null;

        var days = Days(trades, input.Days);
        var bestDay = days.Count > 0 ? days.MaxBy(d => d.NetPnl) : null;
        var worstDay = days.Count > 0 ? days.MinBy(d => d.NetPnl) : null;

        var episodes = DrawdownProfile.Of(curve);
        var deepest = episodes.Count > 0 ? episodes.MaxBy(e => e.Depth) : null;
        var returns = DailyReturns(curve, input.Days);
        var (sharpe, sortino, meanReturn) = RiskRatios(returns);
        var lots = trades.Sum(t => t.Quantity);
        var exposed = Exposure(trades, input.Open, from, to);

        return new TradingStatistics(
            from, to, input.Days.TimeZone, input.Days.ResetTime,
            start, end, end - start, start != 0m ? Percent(end - start, start) : 0m,
            trades.Count, wins.Count, losses.Count, trades.Count - wins.Count - losses.Count,
            trades.Sum(t => t.GrossPnl), trades.Sum(t => t.Commission), net,
            trades.Count > 0 ? Percent(wins.Count, trades.Count) : null,
            averageWin, averageLoss,
            averageWin is { } w && averageLoss is { } l ? Ratio(w / -l) : null,
            losses.Count > 0 ? Ratio(grossWins / -grossLosses) : null,
            trades.Count > 0 ? Cents(net / trades.Count) : null,
            trades.Count > 0 ? trades.Max(t => t.NetPnl) : null,
            trades.Count > 0 ? trades.Min(t => t.NetPnl) : null,
            days.Count, days.Count(d => d.NetPnl > 0m), days.Count(d => d.NetPnl < 0m),
            days.Count > 0 ? Percent(days.Count(d => d.NetPnl > 0m), days.Count) : null,
            bestDay, worstDay,
            net > 0m && bestDay is not null ? Percent(Math.Max(0m, bestDay.NetPnl), net) : null,
            deepest?.Depth ?? 0m, deepest?.DepthPercent ?? 0m, deepest?.PeakAt, deepest?.TroughAt,
            episodes.Count > 0 ? episodes.Max(e => e.Duration(curve[^1].Time)) : TimeSpan.Zero,
            returns.Count, sharpe, sortino,
            meanReturn is { } mean && deepest is { Depth: > 0m, PeakEquity: > 0m } ? Ratio(mean * AnnualizationDays / (deepest.Depth / deepest.PeakEquity)) : null,
            Streak(trades, t => t.NetPnl > 0m), Streak(trades, t => t.NetPnl < 0m),
            lots,
            days.Count > 0 ? Ratio((decimal)trades.Count / days.Count) : null,
            days.Count > 0 ? Ratio(lots / days.Count) : null,
            trades.Count > 0 ? TimeSpan.FromTicks((long)trades.Average(t => t.Duration.Ticks)) : null,
            Breakdown(trades, t => input.Days.DayOf(t.ExitTime).DayOfWeek.ToString(), Enum.GetNames<DayOfWeek>()),
            Breakdown(trades, t => input.Days.Local(t.EntryTime).Hour.ToString("00", CultureInfo.InvariantCulture),
                Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture))),
            exposed, Percent((decimal)exposed.Ticks, (to - from).Ticks));
    }

    /// <summary>Each trading day with a closed trade: the net P&amp;L of the trades that closed in it, oldest first.</summary>
    public static IReadOnlyList<DayResult> Days(IEnumerable<RoundTrip> trades, AnalyticsDays calendar) =>
        [.. trades.GroupBy(t => calendar.DayStart(t.ExitTime))
            .OrderBy(g => g.Key)
            .Select(g => new DayResult(calendar.DayOf(g.Key), g.Key, g.Count(), g.Sum(t => t.NetPnl)))];

    /// <summary>
    /// Every trading day with an equity point after the period's start: its close (the last point in it) and its return
    /// on the previous day's close (the first day's on the period's opening equity).
    /// </summary>
    public static IReadOnlyList<DailyReturn> DailyReturns(IReadOnlyList<EquitySample> curve, AnalyticsDays calendar)
    {
        var result = new List<DailyReturn>();
        if (curve.Count < 2) return result;
        var previous = curve[0].Equity;
        foreach (var day in curve.Skip(1).GroupBy(s => calendar.DayStart(s.Time)).OrderBy(g => g.Key))
        {
            var close = day.Last().Equity;
            result.Add(new DailyReturn(calendar.DayOf(day.Key), day.Key, close, close - previous, previous != 0m ? (close - previous) / previous : 0m));
            previous = close;
        }
        return result;
    }

    /// <summary>
    /// Sharpe = mean ÷ sample standard deviation (n − 1) × √252; Sortino = mean ÷ downside deviation √(Σ min(r, 0)² ÷ n) × √252;
    /// risk-free rate 0. Null below two returns or with a zero denominator.
    /// </summary>
    public static (decimal? Sharpe, decimal? Sortino, decimal? Mean) RiskRatios(IReadOnlyList<DailyReturn> returns)
    {
        if (returns.Count == 0) return (null, null, null);
        var r = returns.Select(d => (double)d.Return).ToArray();
        var mean = r.Average();
        if (r.Length < 2) return (null, null, (decimal)mean);
        var sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));
        var downside = Math.Sqrt(r.Sum(x => Math.Min(x, 0) * Math.Min(x, 0)) / r.Length);
        var annual = Math.Sqrt(AnnualizationDays);
        return (sd > 0 ? Ratio((decimal)(mean / sd * annual)) : null, downside > 0 ? Ratio((decimal)(mean / downside * annual)) : null, (decimal)mean);
    }

    private static int Streak(IEnumerable<RoundTrip> trades, Func<RoundTrip, bool> counts)
    {
        int longest = 0, current = 0;
        foreach (var t in trades)
        {
            current = counts(t) ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }
        return longest;
    }

    private static IReadOnlyList<BreakdownRow> Breakdown(IReadOnlyList<RoundTrip> trades, Func<RoundTrip, string> key, IEnumerable<string> order)
    {
        var groups = trades.GroupBy(key).ToDictionary(g => g.Key, g => g.ToList());
        return [.. order.Where(groups.ContainsKey).Select(k => new BreakdownRow(k, groups[k].Count, groups[k].Count(t => t.NetPnl > 0m), groups[k].Sum(t => t.NetPnl)))];
    }

    /// <summary>The time within [from, to) during which at least one position was open (closed trades and still-open lots).</summary>
    public static TimeSpan Exposure(IEnumerable<RoundTrip> trades, IEnumerable<OpenLot> open, DateTimeOffset from, DateTimeOffset to)
    {
        var intervals = trades.Select(t => (Start: t.EntryTime, End: t.ExitTime))
            .Concat(open.Select(l => (Start: l.EntryTime, End: to)))
            .Select(i => (Start: i.Start < from ? from : i.Start, End: i.End > to ? to : i.End))
            .Where(i => i.End > i.Start)
            .OrderBy(i => i.Start);
        var total = TimeSpan.Zero;
        DateTimeOffset? runStart = null, runEnd = null;
        foreach (var (s, e) in intervals)
        {
            if (runEnd is { } re && s <= re)
            {
                if (e > re) runEnd = e;
                continue;
            }
            if (runStart is { } rs) total += runEnd!.Value - rs;
            runStart = s;
            runEnd = e;
        }
        if (runStart is { } last) total += runEnd!.Value - last;
        return total;
    }

    internal static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    internal static decimal Percent(decimal part, decimal whole) => whole == 0m ? 0m : Math.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero);

    internal static decimal Ratio(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
