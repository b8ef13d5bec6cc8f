namespace Crucible.Grains.Interfaces.Trading;

/// <summary>One execution. <see cref="RealizedPnl"/> is what the fill closed (before commission), in cents.</summary>
[GenerateSerializer, Immutable, Alias("crucible.Fill")]
public sealed record Fill(
    [property: Id(0)] string Id,
    [property: Id(1)] string OrderId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] OrderSide Side,
    [property: Id(4)] decimal Quantity,
    [property: Id(5)] decimal Price,
    [property: Id(6)] decimal Commission,
    [property: Id(7)] decimal RealizedPnl,
    [property: Id(8)] DateTimeOffset Time,
    [property: Id(9)] long QuoteSequence);
