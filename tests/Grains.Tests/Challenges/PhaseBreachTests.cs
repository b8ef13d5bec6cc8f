using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Tests.Trading;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// Loss rules run inside the position book on every tick and fill: a breach fails (or blocks) the phase at the
/// observation that breached and the book flattens at market at once. Numbers: 100,000 commission-free.
/// </summary>
[Collection(EvaluationClusterCollection.Name)]
public sealed class PhaseBreachTests(TradingClusterFixture fixture)
{
    private static readonly DailyLossRule HardDaily5000 = new(DailyLossAnchor.Balance, LimitBasis.Amount, 5_000m, BreachSeverity.Hard);

    [Fact]
    public async Task A_dip_and_recover_pair_less_than_a_millisecond_apart_fails_the_phase_at_the_dip_and_flattens()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "dip", PhaseAccount.Rules(daily: HardDaily5000));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);
        await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m); // at the ask, 60,001: equity 99,999

        // Dip: long 1 marked at the bid 54,999 → equity 100,000 − 5,002 = 94,998 ≤ floor 95,000. Recover 0.5 ms later.
        var dipAt = account.Start.AddSeconds(1);
        var dip = await account.QuoteAsync("BTC-USD", 54_999m, 55_000m, dipAt);
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, dipAt.AddTicks(5_000));

        var evaluation = await account.EvaluationAsync();
        Assert.Equal(PhaseStatus.Failed, evaluation.Status);
        Assert.Equal("dailyLoss", evaluation.EndedBy);
        Assert.Equal(dipAt, evaluation.EndedAt);
        var breach = Assert.Single(await account.Book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Breach);
        Assert.Equal(("dailyLoss", ObservationCause.Tick, "BTC-USD", (long?)dip), (breach.Rule, breach.Cause, breach.Symbol, breach.QuoteSequence));
        // The evidence names the prices the account was marked at: the dip's quote.
        Assert.Equal(((decimal?)54_999m, (decimal?)55_000m), (breach.Bid, breach.Ask));
        Assert.Equal((94_998m, 95_000m, 94_998m, dipAt), (breach.Measured, breach.Limit, breach.Equity, breach.Time));

        // Flattened at the dip: sold 1 at its bid, 54,999; the recovery found the account flat.
        var fills = await account.Book.GetFillsAsync();
        Assert.Equal(2, fills.Count);
        Assert.Equal((OrderSide.Sell, 1m, 54_999m, dip), (fills[1].Side, fills[1].Quantity, fills[1].Price, fills[1].QuoteSequence));
        Assert.Empty(await account.Book.GetPositionsAsync());
        var snapshot = (await account.Book.GetAccountAsync())!;
        Assert.Equal((94_998m, 94_998m), (snapshot.Balance, snapshot.Equity));
    }

    [Fact]
    public async Task A_floating_loss_breach_that_recovers_before_the_close_still_fails()
    {
        var overall = new OverallLossRule(DrawdownMode.Static, 3_000m, LockMode.None, 0m);
        var account = await PhaseAccount.OpenAsync(fixture, "floating", PhaseAccount.Rules(overall: overall));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);
        await account.MarketAsync("BTC-USD", OrderSide.Buy, 2m); // 2 at 60,001

        // Bid 58,500: 100,000 + (58,500 − 60,001) × 2 = 96,998 ≤ 97,000; a minute later the price is back above entry.
        var dip = await account.QuoteAsync("BTC-USD", 58_500m, 58_501m, account.Start.AddMinutes(1));
        await account.QuoteAsync("BTC-USD", 61_000m, 61_001m, account.Start.AddMinutes(2));

        var evaluation = await account.EvaluationAsync();
        Assert.Equal((PhaseStatus.Failed, "overallLoss"), (evaluation.Status, evaluation.EndedBy));
        var breach = Assert.Single(await account.Book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Breach);
        Assert.Equal((96_998m, 97_000m, (long?)dip), (breach.Measured, breach.Limit, breach.QuoteSequence));
        Assert.Equal(96_998m, (await account.Book.GetAccountAsync())!.Balance);
        Assert.Equal(3_002m, evaluation.MaxDrawdown); // peak 100,000 (start) − 96,998
    }

    [Fact]
    public async Task A_hard_breach_cancels_working_orders_flattens_every_position_at_bid_or_ask_and_refuses_later_orders()
    {
        var account = await PhaseAccount.OpenAsync(fixture, "hard", PhaseAccount.Rules(daily: HardDaily5000));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);
        await account.QuoteAsync("ES", 5_000m, 5_000.25m, account.Start);
        await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m); // long 1 at 60,001
        await account.MarketAsync("ES", OrderSide.Sell, 2m); // short 2 at 5,000.00 (× 50)
        var resting = (await account.Book.SubmitOrderAsync(new OrderRequest("BTC-USD", OrderSide.Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 50_000m))).Order!;

        // ES ask 5,050.25: the short loses (5,050.25 − 5,000) × 2 × 50 = 5,025, BTC at the bid 1 → equity 94,974 ≤ 95,000.
        var rally = await account.QuoteAsync("ES", 5_049.75m, 5_050.25m, account.Start.AddMinutes(5));

        Assert.Equal(PhaseStatus.Failed, (await account.EvaluationAsync()).Status);
        var breach = Assert.Single(await account.Book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Breach);
        Assert.Equal(("ES", (long?)rally, 94_974m), (breach.Symbol, breach.QuoteSequence, breach.Equity));
        Assert.Equal(OrderStatus.Canceled, (await account.Book.GetOrderAsync(resting.Id))!.Status);
        var flatten = (await account.Book.GetFillsAsync()).Skip(2).Select(f => (f.Symbol, f.Side, f.Quantity, f.Price)).ToList();
        Assert.Equal([("BTC-USD", OrderSide.Sell, 1m, 60_000m), ("ES", OrderSide.Buy, 2m, 5_050.25m)], flatten);
        Assert.Empty(await account.Book.GetPositionsAsync());
        Assert.Equal(94_974m, (await account.Book.GetAccountAsync())!.Balance);

        var before = (await account.Book.GetStateAsync())!;
        var refused = await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);
        Assert.Equal((OrderErrorCode.PhaseEnded, null), (refused.Error!.Code, refused.Error.Field));
        Assert.Null(refused.Order);
        Assert.Equal(before.Sequence, (await account.Book.GetStateAsync())!.Sequence);
    }

    [Fact]
    public async Task A_soft_breach_flattens_and_blocks_orders_until_the_next_reset_then_trading_resumes()
    {
        var soft = new DailyLossRule(DailyLossAnchor.DayPnl, LimitBasis.Amount, 1_000m, BreachSeverity.Soft);
        var account = await PhaseAccount.OpenAsync(fixture, "soft", PhaseAccount.Rules(daily: soft));
        await account.QuoteAsync("BTC-USD", 60_000m, 60_001m, account.Start);
        await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);

        // Bid 58,999: equity 98,998 ≤ 100,000 − 1,000: flattened at 58,999, balance 98,998, still active but blocked.
        await account.QuoteAsync("BTC-USD", 58_999m, 59_000m, account.Start.AddMinutes(1));
        var blocked = await account.EvaluationAsync();
        Assert.Equal((PhaseStatus.Active, true), (blocked.Status, blocked.TradingBlocked));
        Assert.Empty(await account.Book.GetPositionsAsync());
        Assert.Equal(98_998m, (await account.Book.GetAccountAsync())!.Balance);
        var refused = await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);
        Assert.Equal(OrderErrorCode.TradingBlocked, refused.Error!.Code);

        // Midnight UTC: the day rolls over, trading resumes, the new floor is 98,998 − 1,000.
        var reset = new DateTimeOffset(account.Start.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        await account.AdvanceToAsync(reset);
        var resumed = await account.EvaluationAsync();
        Assert.Equal((PhaseStatus.Active, false), (resumed.Status, resumed.TradingBlocked));
        var events = await account.Book.GetRuleEventsAsync();
        var resume = Assert.Single(events, e => e.Kind == RuleEventKind.TradingResumed);
        Assert.Equal((reset, ObservationCause.Clock), (resume.Time, resume.Cause));
        Assert.Contains(events, e => e is { Rule: "dailyLoss", Kind: RuleEventKind.FloorMoved, Limit: 97_998m });
        Assert.Equal(97_998m, resumed.Progress.Single(p => p.Rule == "dailyLoss").Limit);

        var accepted = await account.MarketAsync("BTC-USD", OrderSide.Buy, 1m);
        Assert.Equal((OrderStatus.Filled, 59_000m), (accepted.Order!.Status, accepted.Order.AverageFillPrice));
    }
}
