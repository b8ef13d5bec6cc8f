namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// What a trader needs to know to trade an instrument. Prices move on <see cref="TickSize"/>,
/// quantities on <see cref="LotSize"/>; one unit of quantity is worth <see cref="Multiplier"/> × price. A
/// <see cref="Micro"/> future counts as a plan's micro contract weight toward contract limits. <see cref="Limits"/> bounds
/// an order's size and prices (null: the defaults for its kind, see <see cref="OrderLimits"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.InstrumentSpec")]
public sealed record InstrumentSpec(
    [property: Id(0)] string Symbol,
    [property: Id(1)] string Name,
    [property: Id(2)] InstrumentKind Kind,
    [property: Id(3)] string QuoteCurrency,
    [property: Id(4)] decimal TickSize,
    [property: Id(5)] decimal LotSize,
    [property: Id(6)] decimal Multiplier,
    [property: Id(7)] TradingHours? Hours,
    [property: Id(8)] bool Micro = false,
    [property: Id(9)] InstrumentLimits? Limits = null)
{
    /// <summary>The bounds that apply to orders in this instrument.</summary>
    public InstrumentLimits OrderLimits => Limits ?? InstrumentLimits.DefaultFor(Kind);
}
