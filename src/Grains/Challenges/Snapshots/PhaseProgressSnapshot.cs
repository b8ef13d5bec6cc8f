namespace Crucible.Grains.Challenges.Snapshots;

/// <summary>The shared facts of a phase (<see cref="Rules.PhaseProgress"/>): the current day and its anchors, each day's closed P&amp;L, the trades, the last fill.</summary>
public sealed record PhaseProgressSnapshot(
    DateTimeOffset DayStart,
    decimal DayStartBalance,
    decimal DayStartEquity,
    DateTimeOffset? LastFillAt,
    IReadOnlyList<DayPnl> ClosedPnlByDay,
    IReadOnlyList<string> TradedOrders,
    IReadOnlyList<string> UnorderedFills);

/// <summary>One trading day's closed P&amp;L, keyed by the reset that began it.</summary>
public sealed record DayPnl(DateTimeOffset Day, decimal Pnl);
