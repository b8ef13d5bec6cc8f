using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>What a book operation changed, in the order it happened. The grain numbers and publishes them.</summary>
public abstract record BookEvent;

public sealed record OrderChanged(Order Order) : BookEvent;

public sealed record FillExecuted(Fill Fill) : BookEvent;

/// <summary>A position after a fill or settlement; <c>Quantity</c> 0 means it was closed.</summary>
public sealed record PositionChanged(Position Position) : BookEvent;
