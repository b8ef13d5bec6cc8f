namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// One market update as a source produces it (simulator, replay file or a live venue adapter), before
/// the feed stamps it with a sequence number. <see cref="Settlement"/> is set once, when a prediction
/// contract resolves: the tick then carries bid = ask = last = the settlement value (0 or 1). Sizes at the
/// touch are optional; without them the touch is taken to be as deep as any order. <see cref="Time"/> is the
/// engine's time of the tick; a replayed tick keeps the time it was recorded at in <see cref="RecordedAt"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.MarketTick")]
public sealed record MarketTick(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] decimal Bid,
    [property: Id(2)] decimal Ask,
    [property: Id(3)] decimal Last,
    [property: Id(4)] decimal Size,
    [property: Id(5)] decimal? Settlement = null,
    [property: Id(6)] decimal? BidSize = null,
    [property: Id(7)] decimal? AskSize = null,
    [property: Id(8)] DateTimeOffset? RecordedAt = null);
