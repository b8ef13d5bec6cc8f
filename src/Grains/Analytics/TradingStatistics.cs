namespace Crucible.Grains.Analytics;

/// <summary>
/// The statistics of one account over [<see cref="From"/>, <see cref="To"/>). docs/statistics.md defines every figure;
/// money is in account currency (averages rounded to the cent), percentages to 2 decimals, ratios to 4. A figure that
/// is undefined for the period (no losing trade for the profit factor, fewer than two daily returns for Sharpe) is null.
/// </summary>
public sealed record TradingStatistics(
    DateTimeOffset From,
    DateTimeOffset To,
    string DayTimeZone,
    TimeOnly DayResetTime,
    decimal StartEquity,
    decimal EndEquity,
    decimal EquityChange,
    decimal ReturnPercent,
    int Trades,
    int Winners,
    int Losers,
    int Breakeven,
    decimal GrossPnl,
    decimal Commissions,
    decimal NetPnl,
    decimal? TradeWinRate,
    decimal? AverageWin,
    decimal? AverageLoss,
    decimal? PayoffRatio,
    decimal? ProfitFactor,
    decimal? Expectancy,
    decimal? BestTrade,
    decimal? WorstTrade,
    int TradingDays,
    int WinningDays,
    int LosingDays,
    decimal? DayWinRate,
    DayResult? BestDay,
    DayResult? WorstDay,
    decimal? BestDayShareOfProfit,
    decimal MaxDrawdown,
    decimal MaxDrawdownPercent,
    DateTimeOffset? MaxDrawdownPeakAt,
    DateTimeOffset? MaxDrawdownTroughAt,
    TimeSpan MaxDrawdownDuration,
    int DailyReturns,
    decimal? SharpeRatio,
    decimal? SortinoRatio,
    decimal? CalmarRatio,
    int LongestWinStreak,
    int LongestLossStreak,
    decimal TotalLots,
    decimal? TradesPerDay,
    decimal? LotsPerDay,
    TimeSpan? AverageDuration,
    IReadOnlyList<BreakdownRow> ByWeekday,
    IReadOnlyList<BreakdownRow> ByHour,
    TimeSpan ExposureTime,
    decimal ExposurePercent);

/// <summary>One trading day's closed result: the net P&amp;L of the trades that closed in it.</summary>
public sealed record DayResult(DateOnly Day, DateTimeOffset Start, int Trades, decimal NetPnl);

/// <summary>The trades of one weekday (by trading day) or one hour of entry (local to the day clock's zone).</summary>
public sealed record BreakdownRow(string Key, int Trades, int Winners, decimal NetPnl);

/// <summary>One trading day's close and its return on the previous close (risk figures use these).</summary>
public sealed record DailyReturn(DateOnly Day, DateTimeOffset Start, decimal CloseEquity, decimal Change, decimal Return);
