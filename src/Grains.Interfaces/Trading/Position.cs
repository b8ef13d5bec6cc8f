namespace Crucible.Grains.Interfaces.Trading;

/// <summary>A net position; <see cref="Quantity"/> is signed (short &lt; 0). Longs mark to the bid, shorts to the ask.</summary>
[GenerateSerializer, Immutable, Alias("crucible.Position")]
public sealed record Position(
    [property: Id(0)] string Symbol,
    [property: Id(1)] decimal Quantity,
    [property: Id(2)] decimal AverageEntryPrice,
    [property: Id(3)] decimal Multiplier,
    [property: Id(4)] decimal? MarkPrice,
    [property: Id(5)] decimal UnrealizedPnl,
    [property: Id(6)] decimal MarketValue,
    [property: Id(7)] decimal RealizedPnl);
