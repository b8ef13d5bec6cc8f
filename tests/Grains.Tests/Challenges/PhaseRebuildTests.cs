using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Feeds;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// An assessment account rebuilt from the ledger resumes its phase and keeps trading, and judges the ticks it missed while
/// it was away (docs/durability.md "Assessment accounts"). ES copies 60–63 of <see cref="RebuildClusterFixture"/>: ×50, tick 0.25.
/// </summary>
[Collection(RebuildClusterCollection.Name)]
public sealed class PhaseRebuildTests(RebuildClusterFixture fixture)
{
    private static readonly TradingTerms Terms = TradingTerms.Default with
    {
        MaxLeverage = 1_000m,
        Slippage = new SlippageTerms(0m, 0m),
        Commissions = new Dictionary<InstrumentKind, CommissionTerms>(),
    };

    // Static overall loss of 1,000 on 50,000: the floor is 49,000, breached at or below.
    private static readonly PhaseRules Rules = new("Phase 1", "UTC", new TimeOnly(0, 0), BreachComparison.AtOrBelow, 5_000m, false,
        null, new OverallLossRule(DrawdownMode.Static, 1_000m, LockMode.None, 0m), 0, null, 0, null, 30, null, OrderLimits.None);

    [Fact]
    public async Task A_breach_on_a_tick_published_while_the_account_was_away_is_caught_at_that_tick_with_its_sequence()
    {
        var (book, symbol, t0) = await OpenLongOneAsync(60);
        await AwayAsync(book);
        await IngestAsync(symbol, t0.AddMinutes(1), 4_990m);           // equity 50,000 + (4,990 − 5,000.25) × 50 = 49,487.50
        var dip = await IngestAsync(symbol, t0.AddMinutes(2), 4_979.75m); // 48,975: at or below 49,000
        await IngestAsync(symbol, t0.AddMinutes(3), 5_010m);           // recovered: live, nobody would have seen the dip

        fixture.Clock.Set(t0.AddMinutes(4));
        var state = await book.GetEvaluationAsync();

        Assert.Equal(PhaseStatus.Failed, state!.Status);
        Assert.Equal("overallLoss", state.EndedBy);
        Assert.Equal(dip.Time, state.EndedAt);
        var breach = Assert.Single(await book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Breach);
        Assert.Equal((symbol, dip.Sequence, 48_975.00m, 49_000m), (breach.Symbol, breach.QuoteSequence, breach.Equity, breach.Limit));
        // Flattened at that tick, at its bid: (4,979.75 − 5,000.25) × 50 = −1,025.
        var flatten = (await book.GetFillsAsync())[^1];
        Assert.Equal((OrderSide.Sell, 4_979.75m, dip.Sequence, dip.Time), (flatten.Side, flatten.Price, flatten.QuoteSequence, flatten.Time));
        Assert.Empty(await book.GetPositionsAsync());
        Assert.Equal(48_975.00m, (await book.GetAccountAsync())!.Balance);
        var refused = await book.SubmitOrderAsync(new OrderRequest(symbol, OrderSide.Buy, OrderType.Market, 1m, TimeInForce.Ioc));
        Assert.Equal(OrderErrorCode.PhaseEnded, refused.Error?.Code);
    }

    [Fact]
    public async Task A_rebuilt_active_phase_keeps_trading_with_its_rule_state_and_progress()
    {
        var (book, symbol, t0) = await OpenLongOneAsync(61);
        await book.ApplyQuoteAsync(await IngestAsync(symbol, t0.AddMinutes(1), 5_020m)); // equity 50,987.50: the peak
        var before = await book.GetEvaluationAsync();
        await AwayAsync(book);

        fixture.Clock.Set(t0.AddMinutes(2));
        var after = await book.GetEvaluationAsync();
        Assert.Equal(PhaseStatus.Active, after!.Status);
        Assert.False(after.TradingBlocked);
        Assert.Equal(50_987.50m, after.PeakEquity);
        Assert.Equal(before!.Progress.Select(p => (p.Rule, p.Measured, p.Limit, p.Satisfied)), after.Progress.Select(p => (p.Rule, p.Measured, p.Limit, p.Satisfied)));
        Assert.NotEmpty(after.Progress);

        // Selling closes +987.50; a new order is taken as on any active phase.
        var sold = await book.SubmitOrderAsync(new OrderRequest(symbol, OrderSide.Sell, OrderType.Market, 1m, TimeInForce.Ioc));
        Assert.Equal(OrderStatus.Filled, sold.Order?.Status);
        var bought = await book.SubmitOrderAsync(new OrderRequest(symbol, OrderSide.Buy, OrderType.Market, 2m, TimeInForce.Ioc));
        Assert.Equal(OrderStatus.Filled, bought.Order?.Status);
        Assert.Equal(50_987.50m, (await book.GetAccountAsync())!.Balance);
    }

    [Fact]
    public async Task Missed_ticks_older_than_the_feeds_history_are_not_judged_and_the_rest_are()
    {
        var (book, symbol, t0) = await OpenLongOneAsync(62);
        await AwayAsync(book);
        // A dip to the floor, then more quotes than the feed keeps: the dip falls out of its history.
        await IngestAsync(symbol, t0.AddSeconds(10), 4_979.75m);
        var last = default(Quote);
        for (var i = 0; i < InstrumentFeedGrain.RecentQuotesKept; i++)
            last = await IngestAsync(symbol, t0.AddSeconds(20 + i), 5_010m + (i % 2) * 0.25m);

        fixture.Clock.Set(last!.Time.AddSeconds(1));
        var state = await book.GetEvaluationAsync();

        // Judged: every quote the history still holds (all above the floor), up to the last one; the dip was not.
        Assert.True(state!.Status == PhaseStatus.Active, string.Join("\n", (await book.GetRuleEventsAsync()).Select(e => e.ToString())));
        Assert.DoesNotContain(await book.GetRuleEventsAsync(), e => e.Kind == RuleEventKind.Breach);
        Assert.Equal(last.Time, state.UpdatedAt);
        Assert.Equal(50_000m + (5_010.25m - 5_000.25m) * 50m, state.PeakEquity);
        // 12.50 both at the purchase (marked at the bid, 5,000) and between 5,010.25 and 5,010.
        Assert.Equal(12.50m, state.MaxDrawdown);
    }

    /// <summary>A phase account on copy <paramref name="copy"/>'s ES, long one contract bought at 5,000.25.</summary>
    private async Task<(IPositionBookGrain Book, string Symbol, DateTimeOffset Start)> OpenLongOneAsync(int copy)
    {
        var t0 = new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);
        var symbol = RebuildClusterFixture.Symbol("ES", copy);
        var book = fixture.Client.GetGrain<IPositionBookGrain>($"phase-rebuild-{copy}-{Guid.NewGuid():N}");
        fixture.Clock.Set(t0);
        await book.OpenAsync(new OpenAccountRequest(50_000m, Terms, new AccountEvaluation("phase-rebuild-" + copy, 0, Rules, t0)));
        await IngestAsync(symbol, t0, 5_000m);
        var bought = await book.SubmitOrderAsync(new OrderRequest(symbol, OrderSide.Buy, OrderType.Market, 1m, TimeInForce.Ioc));
        Assert.Equal(5_000.25m, bought.Order?.AverageFillPrice);
        return (book, symbol, t0);
    }

    private async Task<Quote> IngestAsync(string symbol, DateTimeOffset time, decimal bid)
    {
        fixture.Clock.Set(time);
        return await fixture.Client.GetGrain<IInstrumentFeedGrain>(symbol).IngestAsync(new MarketTick(time, bid, bid + 0.25m, bid, 1m));
    }

    /// <summary>Deactivates the account's grain (<see cref="Deactivation"/>); its next call activates it again, rebuilt from the ledger.</summary>
    private Task AwayAsync(IPositionBookGrain book) => Deactivation.DeactivateAsync(fixture.Client, book);
}
