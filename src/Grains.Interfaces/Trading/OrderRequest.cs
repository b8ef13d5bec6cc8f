namespace Crucible.Grains.Interfaces.Trading;

/// <summary>
/// A request to place an order; docs/trading.md says which fields each type takes. <see cref="Notional"/> is the amount of
/// money a client sized <see cref="Quantity"/> from (Alpaca's notional orders): the book trades the quantity and keeps the
/// amount on the order only to show it back.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.OrderRequest")]
public sealed record OrderRequest(
    [property: Id(0)] string Symbol,
    [property: Id(1)] OrderSide Side,
    [property: Id(2)] OrderType Type,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] TimeInForce TimeInForce,
    [property: Id(5)] decimal? LimitPrice = null,
    [property: Id(6)] decimal? StopPrice = null,
    [property: Id(7)] decimal? TrailAmount = null,
    [property: Id(8)] decimal? TrailPercent = null,
    [property: Id(9)] string? ClientOrderId = null,
    [property: Id(10)] OrderClass Class = OrderClass.Simple,
    [property: Id(11)] TakeProfitLeg? TakeProfit = null,
    [property: Id(12)] StopLossLeg? StopLoss = null,
    [property: Id(13)] decimal? Notional = null);

[GenerateSerializer, Immutable, Alias("crucible.TakeProfitLeg")]
public sealed record TakeProfitLeg([property: Id(0)] decimal LimitPrice);

/// <summary>A stop-loss leg: a stop order, or a stop-limit when <see cref="LimitPrice"/> is given.</summary>
[GenerateSerializer, Immutable, Alias("crucible.StopLossLeg")]
public sealed record StopLossLeg([property: Id(0)] decimal StopPrice, [property: Id(1)] decimal? LimitPrice = null);

/// <summary>What a replace may change; null keeps the order's value.</summary>
[GenerateSerializer, Immutable, Alias("crucible.ReplaceRequest")]
public sealed record ReplaceRequest(
    [property: Id(0)] decimal? Quantity = null,
    [property: Id(1)] decimal? LimitPrice = null,
    [property: Id(2)] decimal? StopPrice = null,
    [property: Id(3)] decimal? TrailAmount = null,
    [property: Id(4)] decimal? TrailPercent = null,
    [property: Id(5)] TimeInForce? TimeInForce = null);
