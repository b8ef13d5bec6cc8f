using Crucible.Grains.Markets.Simulation;

namespace Crucible.Domain.Tests.Markets;

public sealed class PriceGridTests
{
    [Theory]
    [InlineData("100.004", "0.01", "100.00", "100.00", "100.01")]
    [InlineData("100.005", "0.01", "100.01", "100.00", "100.01")]
    [InlineData("4512.13", "0.25", "4512.25", "4512.00", "4512.25")]
    [InlineData("0.5", "0.5", "0.5", "0.5", "0.5")]
    public void Rounding_lands_on_multiples_of_the_tick(string price, string tick, string rounded, string floor, string ceil)
    {
        var p = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);
        var t = decimal.Parse(tick, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(decimal.Parse(rounded, System.Globalization.CultureInfo.InvariantCulture), PriceGrid.RoundToTick(p, t));
        Assert.Equal(decimal.Parse(floor, System.Globalization.CultureInfo.InvariantCulture), PriceGrid.FloorToTick(p, t));
        Assert.Equal(decimal.Parse(ceil, System.Globalization.CultureInfo.InvariantCulture), PriceGrid.CeilToTick(p, t));
        Assert.True(PriceGrid.IsOnGrid(PriceGrid.RoundToTick(p, t), t));
    }

    [Fact]
    public void Off_grid_prices_and_partial_lots_are_detected()
    {
        Assert.False(PriceGrid.IsOnGrid(100.005m, 0.01m));
        Assert.True(PriceGrid.IsOnGrid(4512.75m, 0.25m));
        Assert.Equal(300m, PriceGrid.FloorToLots(399m, 100m));
        Assert.False(PriceGrid.IsWholeLots(0.15m, 0.1m));
        Assert.True(PriceGrid.IsWholeLots(0.3m, 0.1m));
    }

    [Fact]
    public void Model_prices_are_clamped_to_a_positive_range()
    {
        Assert.Equal(0.01m, PriceGrid.FromModel(1e-300, 0.01m, 0.01m, 1_000m));
        Assert.Equal(1_000m, PriceGrid.FromModel(double.PositiveInfinity, 0.01m, 0.01m, 1_000m));
        Assert.Equal(12.35m, PriceGrid.FromModel(12.3456, 0.05m, 0.05m, 1_000m));
        Assert.Throws<ArgumentOutOfRangeException>(() => PriceGrid.FromModel(double.NaN, 0.01m, 0.01m, 1m));
    }
}
