using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges;

/// <summary>
/// One look at an account: its balance and equity at <see cref="Time"/> and why the engine looks (docs/rules.md).
/// For a fill, <see cref="FillNetPnl"/> is the fill's realized P&L minus its commission and <see cref="OrderId"/>
/// its order (a trade is an order with at least one fill). A <see cref="Liquidation"/> fill is the book flattening the
/// account after a breach: it moves balance and equity but is not the trader's trade (docs/rules.md D20a, "In the grains").
/// </summary>
public sealed record Observation(
    DateTimeOffset Time,
    ObservationCause Cause,
    decimal Balance,
    decimal Equity,
    bool HasOpenPositions,
    string? Symbol = null,
    long? QuoteSequence = null,
    string? FillId = null,
    string? OrderId = null,
    decimal? FillNetPnl = null,
    bool Liquidation = false,
    decimal? Bid = null,
    decimal? Ask = null);
