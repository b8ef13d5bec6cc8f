namespace Crucible.Grains.Interfaces.Trading;

/// <summary>
/// Everything a live view needs to start from, taken at one moment: a subscriber applies events whose sequence
/// is above <see cref="Sequence"/> and resyncs if it sees a gap.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.AccountState")]
public sealed record AccountState(
    [property: Id(0)] AccountSnapshot Account,
    [property: Id(1)] IReadOnlyList<Position> Positions,
    [property: Id(2)] IReadOnlyList<Order> OpenOrders,
    [property: Id(3)] long Sequence);
