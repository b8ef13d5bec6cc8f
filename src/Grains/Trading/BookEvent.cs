using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>What a book operation changed, in the order it happened. The grain numbers and publishes them.</summary>
public abstract record BookEvent;

public sealed record OrderChanged(Order Order) : BookEvent;

/// <summary>
/// A fill, with the account right after it (balance, and equity marked at the latest quotes) and its realized P&amp;L
/// net of commission: one quote can fill several orders, and each fill's numbers are the rules' input (docs/rules.md).
/// </summary>
public sealed record FillExecuted(Fill Fill, decimal BalanceAfter, decimal EquityAfter, bool HasOpenPositions) : BookEvent
{
    public decimal NetPnl => Fill.RealizedPnl - Fill.Commission;

    public string OrderId => Fill.OrderId;
}

/// <summary>A position after a fill or settlement; <c>Quantity</c> 0 means it was closed.</summary>
public sealed record PositionChanged(Position Position) : BookEvent;
