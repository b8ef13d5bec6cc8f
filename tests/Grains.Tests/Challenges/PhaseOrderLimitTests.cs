using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Tests.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>The plan's order limits are checked in the book before an order is taken; a refusal records nothing.</summary>
[Collection(EvaluationClusterCollection.Name)]
public sealed class PhaseOrderLimitTests(TradingClusterFixture fixture)
{
    [Fact]
    public async Task An_order_above_the_contract_limit_is_refused_naming_quantity_and_leaves_the_account_exactly_unchanged()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "contracts", PhaseAccount.Rules(limits: new OrderLimits(MaxContracts: 2m)));
        await account.QuoteAsync("ES", 5_000m, 5_000.25m, account.Start);
        var two = await account.MarketAsync("ES", OrderSide.Buy, 2m);
        Assert.Equal(OrderStatus.Filled, two.Order!.Status);

        var state = (await account.Book.GetStateAsync())!;
        var orders = await account.Book.GetOrdersAsync(OrderStatusFilter.All);
        var fills = await account.Book.GetFillsAsync();
        var ruleEvents = await account.Book.GetRuleEventsAsync();
        var evaluation = await account.EvaluationAsync();

        // Long 2 + 1 = 3 contracts > 2.
        var refused = await account.MarketAsync("ES", OrderSide.Buy, 1m);

        Assert.Null(refused.Order);
        Assert.Equal((OrderErrorCode.ContractLimitExceeded, "quantity"), (refused.Error!.Code, refused.Error.Field));
        var after = (await account.Book.GetStateAsync())!;
        Assert.Equal(state.Sequence, after.Sequence);
        Assert.Empty(TradingStateComparer.Record("account", state.Account, after.Account));
        Assert.Empty(TradingStateComparer.Lists("positions", state.Positions, after.Positions, p => p.Symbol));
        Assert.Empty(TradingStateComparer.Lists("orders", orders, await account.Book.GetOrdersAsync(OrderStatusFilter.All), o => o.Id));
        Assert.Empty(TradingStateComparer.Lists("fills", fills, await account.Book.GetFillsAsync(), f => f.Id));
        Assert.Equal(ruleEvents.Count, (await account.Book.GetRuleEventsAsync()).Count);
        Assert.Equal(evaluation.UpdatedAt, (await account.EvaluationAsync()).UpdatedAt);

        // Reducing is never refused, and going back to the limit is allowed.
        Assert.Equal(OrderStatus.Filled, (await account.MarketAsync("ES", OrderSide.Sell, 1m)).Order!.Status);
        Assert.Equal(OrderStatus.Filled, (await account.MarketAsync("ES", OrderSide.Buy, 1m)).Order!.Status);
    }

    [Fact]
    public async Task A_bracket_whose_stop_risks_more_than_the_plan_allows_is_refused_naming_stopLoss()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "risk",
            PhaseAccount.Rules(limits: new OrderLimits(MaxRiskPerTradePercent: 1m)));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);

        // Entry at the ask 60,001; stop 58,000: risk 2,001 > 1 % of 100,000. Stop 59,100: risk 901 is allowed.
        var risky = await account.Book.SubmitOrderAsync(Bracket(stop: 58_000m));
        Assert.Equal((OrderErrorCode.RiskPerTradeExceeded, "stopLoss"), (risky.Error!.Code, risky.Error.Field));
        Assert.Contains("2001", risky.Error.Message);
        Assert.Empty(await account.Book.GetOrdersAsync(OrderStatusFilter.All));

        var within = await account.Book.SubmitOrderAsync(Bracket(stop: 59_100m));
        Assert.Equal(OrderStatus.Filled, within.Order!.Status);
    }

    [Fact]
    public async Task Without_a_stop_loss_an_opening_order_is_refused_when_the_plan_requires_one()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "stop-required",
            PhaseAccount.Rules(limits: new OrderLimits(RequireStopLoss: true)));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);

        var bare = await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);

        Assert.Equal((OrderErrorCode.StopLossRequired, "stopLoss"), (bare.Error!.Code, bare.Error.Field));
        Assert.Empty(await account.Book.GetOrdersAsync(OrderStatusFilter.All));
        Assert.Equal(OrderStatus.Filled, (await account.Book.SubmitOrderAsync(Bracket(stop: 59_000m))).Order!.Status);
    }

    [Fact]
    public async Task The_plans_leverage_limit_values_a_buy_stop_below_the_ask_at_the_ask_where_it_would_execute()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "stop-leverage", PhaseAccount.Rules(limits: new OrderLimits(MaxLeverage: 2m)));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);

        // 2 × 100,000 = 200,000. At the stop, 3.4 × 55,000 = 187,000 would pass; triggered, it buys at the ask:
        // 3.4 × 60,001 = 204,003.40. 3.3 × 60,001 = 198,003.30 is within.
        var refused = await account.Book.SubmitOrderAsync(new OrderRequest("BTC-USD", OrderSide.Buy, OrderType.Stop, 3.4m, TimeInForce.Gtc, StopPrice: 55_000m));
        Assert.Equal((OrderErrorCode.LeverageLimitExceeded, "quantity"), (refused.Error!.Code, refused.Error.Field));

        var within = await account.Book.SubmitOrderAsync(new OrderRequest("BTC-USD", OrderSide.Buy, OrderType.Stop, 3.3m, TimeInForce.Gtc, StopPrice: 55_000m));
        Assert.Equal(OrderStatus.Accepted, within.Order!.Status);
    }

    [Fact]
    public async Task An_absurd_stop_loss_is_refused_by_the_instruments_bounds_before_the_plans_risk_check_can_overflow()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "absurd", PhaseAccount.Rules(limits: new OrderLimits(MaxRiskPerTradePercent: 1m)));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);

        // (7.9 × 10^28 − 60,000) × 2 would overflow decimal in the risk check.
        var refused = await account.Book.SubmitOrderAsync(new OrderRequest("BTC-USD", OrderSide.Sell, OrderType.Market, 2m, TimeInForce.Gtc,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(50_000m), StopLoss: new StopLossLeg(decimal.MaxValue)));

        Assert.Equal((OrderErrorCode.PriceOutOfBand, "stopLoss.stopPrice"), (refused.Error!.Code, refused.Error.Field));
        Assert.Empty(await account.Book.GetOrdersAsync(OrderStatusFilter.All));
        Assert.Equal(OrderStatus.Filled, (await account.Book.SubmitOrderAsync(Bracket(stop: 59_100m))).Order!.Status);
    }

    private static OrderRequest Bracket(decimal stop) => new("BTC-USD", OrderSide.Buy, OrderType.Market, 1m, TimeInForce.Gtc,
        Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(65_000m), StopLoss: new StopLossLeg(stop));
}
