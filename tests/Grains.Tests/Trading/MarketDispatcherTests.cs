using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Tests.Trading;

/// <summary>
/// The silo's market dispatcher (docs/scale.md) in place of a quote subscription per account: the ticks reach the books
/// through the feed's stream, one subscription for the silo, and each following account applies each tick once, in
/// the feed's order.
/// </summary>
[Collection(TradingClusterCollection.Name)]
public sealed class MarketDispatcherTests(TradingClusterFixture fixture)
{
    private const int Accounts = 40;
    private const int Ticks = 25;
    private static readonly TradingTerms Terms = TradingTerms.Default with { Slippage = new SlippageTerms(0m, 0m) };

    /// <summary>
    /// Every account holds a ladder of one-lot sell limits, one at each tick's bid, so tick k fills exactly order k at its
    /// limit and carries tick k's sequence: a lost tick would fill its order on a later tick (a later sequence, a better
    /// price), a tick applied out of order would be ignored as stale and do the same.
    /// </summary>
    [Fact]
    public async Task One_silo_delivers_each_tick_to_each_following_account_exactly_once_and_in_order()
    {
        var symbol = TradingClusterFixture.DispatchSymbol;
        var feed = fixture.Client.GetGrain<IInstrumentFeedGrain>(symbol);
        await IngestAsync(feed, 100.00m);
        var books = Enumerable.Range(1, Accounts).Select(i => fixture.Client.GetGrain<IPositionBookGrain>($"dispatch-{i}")).ToList();
        var limits = Enumerable.Range(1, Ticks).Select(k => 101.00m + k * 0.01m).ToList();
        foreach (var book in books)
        {
            await book.OpenAsync(new OpenAccountRequest(1_000_000m, Terms));
            var bought = await book.SubmitOrderAsync(new OrderRequest(symbol, OrderSide.Buy, OrderType.Market, Ticks + 1, TimeInForce.Gtc));
            Assert.Equal(OrderStatus.Filled, bought.Order!.Status);
            foreach (var limit in limits)
            {
                var placed = await book.SubmitOrderAsync(new OrderRequest(symbol, OrderSide.Sell, OrderType.Limit, 1, TimeInForce.Gtc, LimitPrice: limit));
                Assert.Equal(OrderStatus.Accepted, placed.Order!.Status);
            }
        }
        var dispatcher = fixture.Dispatcher;
        Assert.Equal(Accounts, dispatcher.FollowerCount(symbol));
        var postedBefore = dispatcher.Posted(symbol);

        var sequences = new List<long>();
        foreach (var limit in limits)
            sequences.Add((await IngestAsync(feed, limit)).Sequence);

        foreach (var book in books)
        {
            var fills = await WaitForLimitFillsAsync(book);
            var orders = (await book.GetOrdersAsync(OrderStatusFilter.All)).ToDictionary(o => o.Id);
            for (var k = 0; k < Ticks; k++)
            {
                var fill = fills[k];
                Assert.Equal(limits[k], orders[fill.OrderId].LimitPrice);
                Assert.Equal(limits[k], fill.Price);
                Assert.Equal(sequences[k], fill.QuoteSequence);
            }
        }
        // One hand-over per follower per tick: none twice, none skipped (the accounts still hold a lot, so all follow).
        Assert.Equal((long)Accounts * Ticks, dispatcher.Posted(symbol) - postedBefore);
        Assert.Equal(Accounts, dispatcher.FollowerCount(symbol));
    }

    [Fact]
    public async Task An_account_that_goes_flat_and_has_no_working_order_stops_following_the_symbol()
    {
        var symbol = TradingClusterFixture.DispatchSymbol;
        var feed = fixture.Client.GetGrain<IInstrumentFeedGrain>(symbol);
        await IngestAsync(feed, 100.00m);
        var book = fixture.Client.GetGrain<IPositionBookGrain>("dispatch-flat");
        await book.OpenAsync(new OpenAccountRequest(1_000_000m, Terms));
        var followers = fixture.Dispatcher.FollowerCount(symbol);

        await book.SubmitOrderAsync(new OrderRequest(symbol, OrderSide.Buy, OrderType.Market, 3, TimeInForce.Gtc));
        Assert.Equal(followers + 1, fixture.Dispatcher.FollowerCount(symbol));
        var closed = await book.ClosePositionAsync(symbol);
        Assert.Equal(OrderStatus.Filled, closed.Order!.Status);
        Assert.Equal(followers, fixture.Dispatcher.FollowerCount(symbol));
    }

    private async Task<Quote> IngestAsync(IInstrumentFeedGrain feed, decimal bid)
    {
        fixture.MoveClockTo(fixture.Clock.GetUtcNow().AddSeconds(1));
        return await feed.IngestAsync(new MarketTick(fixture.Clock.GetUtcNow(), bid, bid + 0.02m, bid, 1));
    }

    /// <summary>The account's limit fills, oldest first, once all of them have come through the stream (a few seconds at most).</summary>
    private static async Task<List<Fill>> WaitForLimitFillsAsync(IPositionBookGrain book)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var fills = (await book.GetFillsAsync()).Where(f => f.Side == OrderSide.Sell).ToList();
            if (fills.Count >= Ticks || DateTime.UtcNow > deadline)
            {
                Assert.Equal(Ticks, fills.Count);
                return fills;
            }
            await Task.Delay(50);
        }
    }
}
