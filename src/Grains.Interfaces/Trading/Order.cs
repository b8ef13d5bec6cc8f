namespace Crucible.Grains.Interfaces.Trading;

/// <summary>
/// An order as it stands. <see cref="Watermark"/> is a trailing stop's best price since acceptance; <see cref="Notional"/> the
/// amount of money its quantity was sized from, when it was placed that way (kept until a replace changes the quantity).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.Order")]
public sealed record Order(
    [property: Id(0)] string Id,
    [property: Id(1)] string? ClientOrderId,
    [property: Id(2)] string AccountId,
    [property: Id(3)] string Symbol,
    [property: Id(4)] OrderSide Side,
    [property: Id(5)] OrderType Type,
    [property: Id(6)] TimeInForce TimeInForce,
    [property: Id(7)] OrderClass Class,
    [property: Id(8)] decimal Quantity,
    [property: Id(9)] decimal FilledQuantity,
    [property: Id(10)] decimal? AverageFillPrice,
    [property: Id(11)] decimal? LimitPrice,
    [property: Id(12)] decimal? StopPrice,
    [property: Id(13)] decimal? TrailAmount,
    [property: Id(14)] decimal? TrailPercent,
    [property: Id(15)] decimal? Watermark,
    [property: Id(16)] bool Triggered,
    [property: Id(17)] OrderStatus Status,
    [property: Id(18)] OrderErrorCode? RejectReason,
    [property: Id(19)] string? ParentId,
    [property: Id(20)] IReadOnlyList<string> LegIds,
    [property: Id(21)] string? ReplacesId,
    [property: Id(22)] string? ReplacedById,
    [property: Id(23)] DateTimeOffset CreatedAt,
    [property: Id(24)] DateTimeOffset UpdatedAt,
    [property: Id(25)] DateTimeOffset? FilledAt = null,
    [property: Id(26)] DateTimeOffset? CanceledAt = null,
    [property: Id(27)] DateTimeOffset? ExpiredAt = null,
    [property: Id(28)] DateTimeOffset? RejectedAt = null,
    [property: Id(29)] DateTimeOffset? ReplacedAt = null,
    [property: Id(30)] DateTimeOffset? ExpiresAt = null,
    [property: Id(31)] decimal? Notional = null)
{
    public decimal RemainingQuantity => Quantity - FilledQuantity;

    public bool IsWorking => Status is OrderStatus.New or OrderStatus.Accepted or OrderStatus.Held or OrderStatus.PartiallyFilled;
}
