using Crucible.Grains.Markets.Catalog;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>
/// Turns a model mid into a bid and an ask on the tick grid: <see cref="SpreadSettings.Bps"/> of the mid,
/// at least <see cref="SpreadSettings.MinTicks"/> ticks wide, scaled by current / long-run volatility when
/// volatility runs hot (dealers widen in stress). Bid rounds down and ask up, so the quote always contains
/// the mid; the book stays within [tick, <paramref name="maxPrice"/>].
/// </summary>
public sealed class SpreadModel(SpreadSettings settings, decimal tickSize, decimal maxPrice)
{
    private readonly decimal _minWidth = Math.Max(1, settings.MinTicks) * tickSize;

    public (decimal Bid, decimal Ask) Quote(double mid, double currentVolatility, double longRunVolatility)
    {
        var widening = longRunVolatility > 0 ? Math.Max(1, currentVolatility / longRunVolatility) : 1;
        var center = PriceGrid.FromModel(mid, tickSize / 1000, tickSize, maxPrice);
        var half = (decimal)Math.Min(mid * settings.Bps / 10_000 / 2 * widening, (double)maxPrice);

        var bid = PriceGrid.FloorToTick(center - half, tickSize);
        var ask = PriceGrid.CeilToTick(center + half, tickSize);
        if (ask - bid < _minWidth)
        {
            // Widen around the mid: the missing ticks split as evenly as the grid allows.
            var missing = (_minWidth - (ask - bid)) / tickSize;
            bid -= Math.Floor(missing / 2) * tickSize;
            ask += Math.Ceiling(missing / 2) * tickSize;
        }

        if (bid < tickSize) (bid, ask) = (tickSize, ask + tickSize - bid);
        if (ask > maxPrice) (bid, ask) = (Math.Max(tickSize, bid - (ask - maxPrice)), maxPrice);
        return (bid, ask);
    }
}
