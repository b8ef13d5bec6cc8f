namespace Crucible.Grains.Interfaces.Trading;

/// <summary>
/// The answer to an order command: the order as it stands, or the error that refused the request.
/// <see cref="Duplicate"/> marks the original order returned for a repeated client order id.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.OrderCommandResult")]
public sealed record OrderCommandResult(
    [property: Id(0)] Order? Order,
    [property: Id(1)] OrderError? Error,
    [property: Id(2)] bool Duplicate = false);
