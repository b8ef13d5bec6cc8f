namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// The largest order an instrument takes (docs/trading.md "Bounds"): at most <see cref="MaxQuantity"/> units, at most
/// <see cref="MaxNotional"/> in the quote currency at any price the order may execute at, and, when
/// <see cref="PriceBand"/> is set, every price (limit, stop, a trailing stop's first stop) within
/// [bid ÷ band, ask × band] of the latest quote. They keep every number the book computes far from decimal's range,
/// and refuse prices that are typing mistakes rather than orders.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.InstrumentLimits")]
public sealed record InstrumentLimits(
    [property: Id(0)] decimal MaxQuantity,
    [property: Id(1)] decimal MaxNotional,
    [property: Id(2)] decimal? PriceBand)
{
    /// <summary>Larger than any account can use (buying power stops it first), small enough that nothing overflows.</summary>
    public const decimal DefaultMaxNotional = 1_000_000_000m;

    /// <summary>A limit or stop more than 10× away from the market is refused.</summary>
    public const decimal DefaultPriceBand = 10m;

    /// <summary>
    /// The limits an instrument gets when its catalog entry names none. Prediction contracts need no band: their
    /// prices are already bounded to (0, 1).
    /// </summary>
    public static InstrumentLimits DefaultFor(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Future => new(100_000m, DefaultMaxNotional, DefaultPriceBand),
        InstrumentKind.Prediction => new(10_000_000m, DefaultMaxNotional, null),
        _ => new(1_000_000_000m, DefaultMaxNotional, DefaultPriceBand),
    };
}
