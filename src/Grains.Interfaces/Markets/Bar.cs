namespace Crucible.Grains.Interfaces.Markets;

/// <summary>OHLCV of the last-trade prices whose tick time falls in [Start, Start + interval).</summary>
[GenerateSerializer, Immutable, Alias("crucible.Bar")]
public sealed record Bar(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] BarInterval Interval,
    [property: Id(2)] decimal Open,
    [property: Id(3)] decimal High,
    [property: Id(4)] decimal Low,
    [property: Id(5)] decimal Close,
    [property: Id(6)] decimal Volume,
    [property: Id(7)] int TickCount);
