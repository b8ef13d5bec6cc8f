using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets;

namespace Crucible.Api.Markets;

/// <summary>An instrument as the REST API shows it: its spec, its order bounds and, once it has ticked, its latest quote.</summary>
public sealed record InstrumentView(
    string Symbol,
    string Name,
    InstrumentKind Kind,
    string QuoteCurrency,
    decimal TickSize,
    decimal LotSize,
    decimal Multiplier,
    TradingHours? Hours,
    InstrumentLimits OrderLimits,
    bool MarketOpen,
    Quote? Quote)
{
    public static InstrumentView From(InstrumentSpec spec, Quote? quote, DateTimeOffset now) => new(
        spec.Symbol, spec.Name, spec.Kind, spec.QuoteCurrency, spec.TickSize, spec.LotSize, spec.Multiplier, spec.Hours, spec.OrderLimits,
        TradingCalendar.IsOpen(spec.Hours, now), quote);
}

/// <summary>A page of OHLCV bars, oldest first; the last bar may still be forming.</summary>
public sealed record BarsView(string Symbol, string Interval, IReadOnlyList<BarView> Bars);

public sealed record BarView(DateTimeOffset Start, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, int TickCount)
{
    public static BarView From(Bar bar) => new(bar.Start, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, bar.TickCount);
}
