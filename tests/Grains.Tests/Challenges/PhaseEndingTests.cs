using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Tests.Trading;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>How a phase ends in the book: a pass on closed balance, an expiry (after an extension), a decision.</summary>
[Collection(EvaluationClusterCollection.Name)]
public sealed class PhaseEndingTests(TradingClusterFixture fixture)
{
    [Fact]
    public async Task The_phase_passes_when_the_closed_balance_reaches_the_target_not_on_floating_profit()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "pass", PhaseAccount.Rules(target: 1_000m));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);
        await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);

        // Floating: bid 61,500 → equity 101,499, balance still 100,000: target 0 % reached.
        await account.QuoteAsync("BTC-USD", 61_500m, 61_501m, account.Start.AddMinutes(1));
        var floating = await account.EvaluationAsync();
        Assert.Equal(PhaseStatus.Active, floating.Status);
        Assert.Equal((0m, 0m), (floating.Progress.Single(p => p.Rule == "profitTarget").Measured, floating.Progress.Single(p => p.Rule == "profitTarget").Percent));

        // Closed at the bid: realized 1,499 ≥ 1,000.
        var sold = await account.MarketAsync("BTC-USD", OrderSide.Sell, 1m);
        var passed = await account.EvaluationAsync();
        Assert.Equal((PhaseStatus.Passed, null), (passed.Status, passed.EndedBy));
        var target = passed.Progress.Single(p => p.Rule == "profitTarget");
        Assert.Equal((1_499m, 1_000m, 100m, true), (target.Measured, target.Limit, target.Percent, target.Satisfied));
        var pass = Assert.Single(await account.Book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Passed);
        Assert.Equal((ObservationCause.Fill, (await account.Book.GetFillsAsync())[1].Id, 101_499m), (pass.Cause, pass.FillId, pass.Balance));
        Assert.Equal(OrderErrorCode.PhaseEnded, (await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m)).Error!.Code);
        Assert.Equal(OrderStatus.Filled, sold.Order!.Status);
    }

    [Fact]
    public async Task An_extension_moves_the_time_limit_and_the_phase_expires_at_the_new_deadline()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "extend", PhaseAccount.Rules(timeLimitDays: 2));

        var extended = (await account.Book.ExtendEvaluationAsync(1, "platform outage"))!;
        Assert.Equal(3m, extended.Progress.Single(p => p.Rule == "timeLimit").Limit);
        var extension = Assert.Single(await account.Book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Extended);
        Assert.Contains("platform outage", extension.Message);

        await account.AdvanceToAsync(account.Start.AddDays(2).AddMinutes(1));
        Assert.Equal(PhaseStatus.Active, (await account.EvaluationAsync()).Status);

        await account.AdvanceToAsync(account.Start.AddDays(3).AddMinutes(1));
        var expired = await account.EvaluationAsync();
        Assert.Equal((PhaseStatus.Expired, "timeLimit", account.Start.AddDays(3)), (expired.Status, expired.EndedBy, expired.EndedAt));

        // An ended phase is neither extended nor decided again.
        Assert.Equal(PhaseStatus.Expired, (await account.Book.EndEvaluationAsync(PhaseStatus.Failed, "evaluator", "late"))!.Status);
        Assert.Equal(PhaseStatus.Expired, (await account.Book.ExtendEvaluationAsync(1, "late"))!.Status);
    }

    [Fact]
    public async Task Ending_by_decision_records_the_reason_flattens_at_market_and_refuses_orders()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "decide", PhaseAccount.Rules(target: 10_000m));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);
        await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);

        var ended = (await account.Book.EndEvaluationAsync(PhaseStatus.Failed, "evaluator", "hedging across accounts"))!;

        Assert.Equal((PhaseStatus.Failed, "evaluator"), (ended.Status, ended.EndedBy));
        var decision = Assert.Single(await account.Book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Decided);
        Assert.Equal("evaluator", decision.Rule);
        Assert.Contains("hedging across accounts", decision.Message);
        Assert.Empty(await account.Book.GetPositionsAsync());
        Assert.Equal((OrderSide.Sell, 60_000m), ((await account.Book.GetFillsAsync())[1].Side, (await account.Book.GetFillsAsync())[1].Price));
        Assert.Equal(99_999m, (await account.Book.GetAccountAsync())!.Balance);
        Assert.Equal(OrderErrorCode.PhaseEnded, (await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m)).Error!.Code);
    }

    [Fact]
    public async Task Samples_are_kept_at_the_start_at_each_fill_and_at_most_once_a_minute_between()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "samples", PhaseAccount.Rules(target: 10_000m));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);
        await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m); // at the start's instant: one sample per instant, the start's
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start.AddSeconds(10));
        await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m); // sample: the fill, equity 100,000 − 1 − 1 = 99,998
        await account.QuoteAsync("BTC-USD", 60_100m, 60_101m, account.Start.AddSeconds(40)); // within the minute: none
        await account.QuoteAsync("BTC-USD", 60_200m, 60_201m, account.Start.AddSeconds(71)); // a minute after the fill: 100,398

        var samples = await account.Book.GetEquitySamplesAsync();
        Assert.Equal([100_000m, 99_998m, 100_398m], samples.Select(s => s.Equity));
        Assert.Equal(account.Start.AddSeconds(71), samples[^1].Time);
    }
}
