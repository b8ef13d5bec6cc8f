using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Tests.Trading;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>The plan's session rules in the position book: flat-by and news blackouts, end to end on the fake engine clock.</summary>
[Collection(EvaluationClusterCollection.Name)]
public sealed class PhaseSessionTests(TradingClusterFixture fixture)
{
    [Fact]
    public async Task At_the_flat_by_time_the_book_closes_positions_at_market_and_refuses_opening_orders_until_the_reset()
    {
        var rules = PhaseAccount.Rules() with { FlatByTime = new TimeOnly(16, 0) };
        var account = await PhaseAccount.OpenAsync(fixture, "flat-by", rules);
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);
        Assert.Equal(OrderStatus.Filled, (await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m)).Order!.Status);
        var resting = await account.Book.SubmitOrderAsync(
            new OrderRequest("BTC-USD", OrderSide.Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 55_000m));

        await account.AdvanceToAsync(account.Start.AddMinutes(59));
        Assert.Single(await account.Book.GetPositionsAsync());

        await account.AdvanceToAsync(account.Start.AddHours(1));
        Assert.Empty(await account.Book.GetPositionsAsync());
        Assert.Equal(OrderStatus.Canceled, (await account.Book.GetOrderAsync(resting.Order!.Id))!.Status);
        // Bought at the ask 60,001, closed at the bid 60,000.
        Assert.Equal(99_999m, (await account.Book.GetAccountAsync())!.Balance);
        var flattened = Assert.Single(await account.Book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Flattened);
        Assert.Equal(("flatBy", 1m, account.Start.AddHours(1)), (flattened.Rule, flattened.Measured, flattened.Time));
        Assert.Equal(PhaseStatus.Active, (await account.EvaluationAsync()).Status);

        await account.AdvanceToAsync(account.Start.AddHours(2));
        var refused = await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);
        Assert.Equal((OrderErrorCode.MustBeFlat, null), (refused.Error!.Code, refused.Error.Field));

        // The day resets at midnight UTC: trading opens again.
        await account.AdvanceToAsync(new DateTimeOffset(account.Start.UtcDateTime.Date.AddDays(1), TimeSpan.Zero));
        Assert.Equal(OrderStatus.Filled, (await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m)).Order!.Status);
    }

    [Fact]
    public async Task Inside_a_news_blackout_opening_orders_are_refused_with_evidence_and_closing_ones_go_through()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "blackout",
            PhaseAccount.Rules(limits: new OrderLimits(NewsBlackoutMinutes: 2)));
        var release = new DateTimeOffset(account.Start.UtcDateTime.Date.Add(TradingClusterFixture.DailyNewsAt), TimeSpan.Zero);
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);

        await account.AdvanceToAsync(release.AddMinutes(-2).AddSeconds(-1));
        Assert.Equal(OrderStatus.Filled, (await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m)).Order!.Status);

        await account.AdvanceToAsync(release.AddMinutes(-2));
        var refused = await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);
        Assert.Equal((OrderErrorCode.NewsBlackout, null), (refused.Error!.Code, refused.Error.Field));
        var evidence = Assert.Single(await account.Book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.OrderRefused);
        Assert.Equal(("newsBlackout", 1m, 2m, release.AddMinutes(-2)), (evidence.Rule, evidence.Measured, evidence.Limit, evidence.Time));
        Assert.Single(await account.Book.GetOrdersAsync(OrderStatusFilter.All));

        // Reducing risk is allowed in the window (the plan does not block closing orders).
        await account.AdvanceToAsync(release);
        Assert.Equal(OrderStatus.Filled, (await account.MarketAsync("BTC-USD", OrderSide.Sell, 1m)).Order!.Status);

        await account.AdvanceToAsync(release.AddMinutes(2));
        Assert.Equal(OrderStatus.Filled, (await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m)).Order!.Status);
        Assert.Equal(PhaseStatus.Active, (await account.EvaluationAsync()).Status);
    }
}
