namespace Crucible.Grains.Markets.Simulation;

/// <summary>
/// Decimal arithmetic on an instrument's price and quantity grids. Models run in double; every price
/// that leaves a source goes through here so it is an exact multiple of the tick size.
/// </summary>
public static class PriceGrid
{
    public static decimal RoundToTick(decimal price, decimal tick) =>
        Math.Round(price / Positive(tick, nameof(tick)), MidpointRounding.AwayFromZero) * tick;

    public static decimal FloorToTick(decimal price, decimal tick) =>
        Math.Floor(price / Positive(tick, nameof(tick))) * tick;

    public static decimal CeilToTick(decimal price, decimal tick) =>
        Math.Ceiling(price / Positive(tick, nameof(tick))) * tick;

    public static bool IsOnGrid(decimal price, decimal tick) => price % Positive(tick, nameof(tick)) == 0m;

    /// <summary>Whole lots only, rounded down: a trade never reports more than was possible.</summary>
    public static decimal FloorToLots(decimal quantity, decimal lotSize) =>
        Math.Floor(quantity / Positive(lotSize, nameof(lotSize))) * lotSize;

    public static bool IsWholeLots(decimal quantity, decimal lotSize) => IsOnGrid(quantity, lotSize);

    /// <summary>
    /// Converts a model's double to a decimal on the grid, clamped to [min, max] so that a path that
    /// underflows or explodes still produces a valid, positive quote instead of an overflow.
    /// </summary>
    public static decimal FromModel(double price, decimal tick, decimal min, decimal max)
    {
        if (double.IsNaN(price)) throw new ArgumentOutOfRangeException(nameof(price), "The model produced NaN.");
        if (price <= (double)min) return min;
        if (price >= (double)max) return max;
        return Math.Clamp(RoundToTick((decimal)price, tick), min, max);
    }

    private static decimal Positive(decimal value, string name) =>
        value > 0m ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive.");
}
