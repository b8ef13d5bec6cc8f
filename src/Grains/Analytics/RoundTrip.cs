namespace Crucible.Grains.Analytics;

/// <summary>
/// One round-trip trade: a quantity opened by one fill and closed by another (or by a settlement), matched first in
/// first out per symbol (docs/statistics.md "Round-trip trades"). Prices are the fills' own; <see cref="GrossPnl"/> is
/// (exit − entry) × quantity × multiplier, signed by the direction and rounded to the cent; <see cref="Commission"/> is
/// this trade's share of its entry and exit fills' commissions; <see cref="NetPnl"/> = gross − commission.
/// <see cref="Mae"/> (≤ 0) and <see cref="Mfe"/> (≥ 0) are the worst and best marked P&amp;L of this quantity seen while it
/// was open, or null when no equity sample isolates it.
/// </summary>
public sealed record RoundTrip(
    int Number,
    string Symbol,
    TradeDirection Direction,
    decimal Quantity,
    decimal Multiplier,
    DateTimeOffset EntryTime,
    decimal EntryPrice,
    string EntryFillId,
    DateTimeOffset ExitTime,
    decimal ExitPrice,
    string ExitFillId,
    decimal GrossPnl,
    decimal Commission,
    decimal NetPnl,
    decimal? Mae,
    decimal? Mfe)
{
    /// <summary>The exit fill id of a trade closed by a contract's settlement instead of a fill.</summary>
    public const string SettlementExit = "settlement";

    public TimeSpan Duration => ExitTime - EntryTime;
}

public enum TradeDirection
{
    Long = 0,
    Short = 1,
}
