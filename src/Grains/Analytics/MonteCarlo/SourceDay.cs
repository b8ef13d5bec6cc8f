namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// One trading day of the trader's record, relative to its open: the closing equity change, the lowest equity seen
/// during the day (≤ 0, so a dip that recovered is kept) and the number of orders filled.
/// </summary>
public readonly record struct SourceDay(decimal Pnl, decimal Low, int Trades);
