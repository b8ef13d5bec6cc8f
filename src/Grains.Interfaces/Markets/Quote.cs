namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// The current top of book of one instrument. <see cref="Sequence"/> increases by one with every
/// tick the feed accepts, so a subscriber that sees a jump knows it missed updates and can resync.
/// <see cref="Time"/> is on the engine's clock, whatever the source; a replayed quote also carries the time its
/// tick was recorded at (<see cref="RecordedAt"/>, null for other sources).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.Quote")]
public sealed record Quote(
    [property: Id(0)] string Symbol,
    [property: Id(1)] decimal Bid,
    [property: Id(2)] decimal Ask,
    [property: Id(3)] decimal Last,
    [property: Id(4)] decimal LastSize,
    [property: Id(5)] DateTimeOffset Time,
    [property: Id(6)] long Sequence,
    [property: Id(7)] decimal? Settlement = null,
    [property: Id(8)] decimal? BidSize = null,
    [property: Id(9)] decimal? AskSize = null,
    [property: Id(10)] DateTimeOffset? RecordedAt = null)
{
    public bool IsSettled => Settlement is not null;
}
