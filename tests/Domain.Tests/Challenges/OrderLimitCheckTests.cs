using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Domain.Tests.Challenges;

public sealed class OrderLimitCheckTests
{
    // Buy 2 ES at 5,000.00 (×50) from flat, equity 50,000, no exposure yet.
    private static readonly OrderLimitRequest BuyTwoEs = new(
        OrderSide.Buy, 2m, 5_000m, StopPrice: 4_990m, Multiplier: 50m, PositionBefore: 0m, Equity: 50_000m, GrossExposureBefore: 0m);

    [Fact]
    public void No_limits_accept_any_order() => Assert.Null(OrderLimitCheck.Check(OrderLimits.None, BuyTwoEs));

    [Fact]
    public void RequireStopLoss_refuses_an_opening_order_without_a_stop()
    {
        var refusal = OrderLimitCheck.Check(new OrderLimits(RequireStopLoss: true), BuyTwoEs with { StopPrice = null });
        Assert.Equal("requireStopLoss", refusal?.Limit);
        Assert.Null(OrderLimitCheck.Check(new OrderLimits(RequireStopLoss: true), BuyTwoEs));
    }

    [Fact]
    public void RequireStopLoss_lets_a_closing_order_go_without_a_stop()
    {
        var close = BuyTwoEs with { Side = OrderSide.Sell, PositionBefore = 2m, StopPrice = null };
        Assert.Null(OrderLimitCheck.Check(new OrderLimits(RequireStopLoss: true), close));
    }

    [Theory]
    // |5,000 − 4,990| × 2 × 50 = 1,000; 2% of 50,000 = 1,000: allowed at exactly the limit.
    [InlineData(4_990, null)]
    [InlineData(4_989.75, "maxRiskPerTrade")]   // 1,025 > 1,000
    public void MaxRiskPerTrade_caps_the_loss_to_the_stop_at_a_percent_of_equity(double stop, string? refusedBy)
    {
        var refusal = OrderLimitCheck.Check(new OrderLimits(MaxRiskPerTradePercent: 2m), BuyTwoEs with { StopPrice = (decimal)stop });
        Assert.Equal(refusedBy, refusal?.Limit);
    }

    [Fact]
    public void MaxRiskPerTrade_measures_a_sell_from_its_entry_up_to_the_stop()
    {
        var sell = BuyTwoEs with { Side = OrderSide.Sell, EntryPrice = 4_999.75m, StopPrice = 5_010m }; // 10.25 × 2 × 50 = 1,025
        Assert.Equal("maxRiskPerTrade", OrderLimitCheck.Check(new OrderLimits(MaxRiskPerTradePercent: 2m), sell)?.Limit);
    }

    [Theory]
    [InlineData(3, 2, 1, null)]              // 3 + 2 = 5 ≤ 5
    [InlineData(4, 2, 1, "maxContracts")]    // 6 > 5
    [InlineData(40, 10, 0.1, null)]          // 50 micros × 0.1 = 5
    [InlineData(41, 10, 0.1, "maxContracts")]
    public void MaxContracts_counts_the_position_after_the_order_with_micros_weighted(
        double before, double quantity, double weight, string? refusedBy)
    {
        var order = BuyTwoEs with { PositionBefore = (decimal)before, Quantity = (decimal)quantity, ContractWeight = (decimal)weight };
        Assert.Equal(refusedBy, OrderLimitCheck.Check(new OrderLimits(MaxContracts: 5m), order)?.Limit);
    }

    [Fact]
    public void MaxContracts_never_refuses_an_order_that_reduces_the_position()
    {
        var reduce = BuyTwoEs with { Side = OrderSide.Sell, PositionBefore = 8m, Quantity = 1m };
        Assert.Null(OrderLimitCheck.Check(new OrderLimits(MaxContracts: 5m), reduce));
    }

    [Fact]
    public void MaxContracts_checks_the_new_side_of_a_flip()
    {
        var flip = BuyTwoEs with { Side = OrderSide.Sell, PositionBefore = 2m, Quantity = 8m }; // ends short 6
        Assert.Equal("maxContracts", OrderLimitCheck.Check(new OrderLimits(MaxContracts: 5m), flip)?.Limit);
    }

    [Theory]
    // Buying 2 × 5,000 × 50 = 500,000 more; with 0 before that is 10 × equity.
    [InlineData(0, null)]
    [InlineData(0.01, "maxLeverage")]
    public void MaxLeverage_caps_gross_exposure_after_the_order_at_k_times_equity(double exposureBefore, string? refusedBy)
    {
        var order = BuyTwoEs with { GrossExposureBefore = (decimal)exposureBefore };
        Assert.Equal(refusedBy, OrderLimitCheck.Check(new OrderLimits(MaxLeverage: 10m), order)?.Limit);
    }
}
