using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>One trader buying and trading assessments on <see cref="AssessmentClusterFixture"/>'s silo, with prices set by the test.</summary>
internal sealed class AssessmentTrading(AssessmentClusterFixture fixture)
{
    public string Trader { get; } = $"trader-{Guid.NewGuid():N}"[..20];

    public IAssessmentGrain Assessment(string id) => fixture.Client.GetGrain<IAssessmentGrain>(id);

    public IPositionBookGrain Book(string accountId) => fixture.Client.GetGrain<IPositionBookGrain>(accountId);

    public async Task<Assessment> BuyAsync(string plan)
    {
        var result = await Assessment(AssessmentIds.ForPurchase(null)).PurchaseAsync(new PurchaseRequest(plan, Trader, "tok_visa"));
        Assert.Null(result.Error);
        return result.Assessment!;
    }

    /// <summary>Sets the symbol's quote and applies it to these books at once (the stream would a moment later).</summary>
    public async Task QuoteAsync(string symbol, decimal bid, decimal ask, params string[] accounts)
    {
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var quote = await fixture.Client.GetGrain<IInstrumentFeedGrain>(symbol).IngestAsync(new MarketTick(fixture.Clock.GetUtcNow(), bid, ask, bid, 1));
        foreach (var account in accounts)
            await Book(account).ApplyQuoteAsync(quote);
    }

    public async Task TradeAsync(string account, string symbol, OrderSide side, decimal quantity)
    {
        var result = await Book(account).SubmitOrderAsync(new OrderRequest(symbol, side, OrderType.Market, quantity, TimeInForce.Gtc));
        Assert.True(result.Error is null, result.Error?.Message);
        Assert.Equal(OrderStatus.Filled, result.Order!.Status);
    }

    public async Task<Assessment> WaitForAsync(string id, Func<Assessment, bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var a = (await Assessment(id).GetAsync())!;
            if (condition(a))
                return a;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"assessment {id} stayed {a.Status} in phase {a.PhaseIndex}");
            await Task.Delay(20);
        }
    }
}
