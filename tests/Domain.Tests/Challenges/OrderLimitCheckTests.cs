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

    [Theory]
    // 3 ES + 10 MES × 0.1 = 4 contracts before. Buying MES: 4 + q × 0.1; buying ES: 4 + q.
    [InlineData("MES", 10, null)]                   // 4 + 1.0 = 5 ≤ 5
    [InlineData("MES", 11, "maxContractsTotal")]    // 4 + 1.1 = 5.1 > 5
    [InlineData("ES", 1, null)]                     // 4 + 1 = 5
    [InlineData("ES", 2, "maxContractsTotal")]      // 6 > 5
    public void MaxContractsTotal_counts_every_futures_position_with_micros_at_a_tenth(string symbol, double quantity, string? refusedBy)
    {
        var (before, weight) = symbol == "MES" ? (10m, 0.1m) : (3m, 1m);
        var order = BuyTwoEs with
        {
            Quantity = (decimal)quantity, PositionBefore = before, ContractWeight = weight, TotalContractsBefore = 4m, StopPrice = null,
        };
        Assert.Equal(refusedBy, OrderLimitCheck.Check(new OrderLimits(MaxContractsTotal: 5m, MicroContractWeight: 0.1m), order)?.Limit);
    }

    [Fact]
    public void MaxContractsTotal_lets_a_micro_count_as_a_full_contract_when_the_plan_says_so()
    {
        // 10 MES at weight 1 are 10 contracts: one more micro is 11 > 10.
        var order = BuyTwoEs with { Quantity = 1m, PositionBefore = 10m, ContractWeight = 1m, TotalContractsBefore = 10m, StopPrice = null };
        Assert.Equal("maxContractsTotal", OrderLimitCheck.Check(new OrderLimits(MaxContractsTotal: 10m), order)?.Limit);
    }

    [Theory]
    // Risk to the stop: 10 × 2 × 50 = 1,000. Equity 50,000 → 2 % = 1,000 (allowed); balance 48,000 → 960 (refused).
    [InlineData(RiskBasis.Equity, null)]
    [InlineData(RiskBasis.Balance, "maxRiskPerTrade")]
    public void MaxRiskPerTrade_is_a_percent_of_equity_or_of_balance_per_plan(RiskBasis basis, string? refusedBy)
    {
        var refusal = OrderLimitCheck.Check(new OrderLimits(MaxRiskPerTradePercent: 2m, RiskBasis: basis), BuyTwoEs with { Balance = 48_000m });
        Assert.Equal(refusedBy, refusal?.Limit);
        if (refusedBy is not null) Assert.Contains("2% of balance (960", refusal!.Reason);
    }

    [Theory]
    [InlineData(1, null)]            // 2 + 1 = 3 ≤ allowance 3
    [InlineData(2, "scalingPlan")]   // 4 > 3
    public void The_scaling_allowance_caps_the_total_contracts(double quantity, string? refusedBy)
    {
        var order = BuyTwoEs with { Quantity = (decimal)quantity, PositionBefore = 2m, TotalContractsBefore = 2m, ScalingAllowance = 3m };
        Assert.Equal(refusedBy, OrderLimitCheck.Check(OrderLimits.None, order)?.Limit);
    }
}
