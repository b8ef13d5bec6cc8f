using System.Collections.Concurrent;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Grains.Tests.Trading;

/// <summary>Many clients hammering one account at once must leave one consistent book.</summary>
[Collection(TradingClusterCollection.Name)]
public sealed class PositionBookConcurrencyTests(TradingClusterFixture fixture)
{
    private const int Submitters = 50;
    private const int OrdersEach = 20;

    [Fact]
    public async Task Fifty_parallel_submitters_lose_and_duplicate_no_fill_and_the_book_equals_the_oracle()
    {
        const string accountId = "concurrency-1";
        var terms = TradingTerms.Default with { MaxLeverage = 50m };
        var grain = fixture.Client.GetGrain<IPositionBookGrain>(accountId);
        await grain.OpenAsync(new OpenAccountRequest(1_000_000m, terms));
        var quote = await fixture.Client.GetGrain<IInstrumentFeedGrain>("T-CONC")
            .IngestAsync(new MarketTick(fixture.Clock.GetUtcNow(), 100.00m, 100.02m, 100.01m, 5));

        // Each submitter sends market orders of random side and size; every fifth one is retried with the same
        // client order id, as a client would after a timeout.
        var acknowledged = new ConcurrentBag<Order>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Submitters), new ParallelOptions { MaxDegreeOfParallelism = Submitters }, async (submitter, _) =>
        {
            var random = new Random(submitter);
            for (var n = 0; n < OrdersEach; n++)
            {
                var request = new OrderRequest("T-CONC", random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, OrderType.Market,
                    random.Next(1, 50), TimeInForce.Gtc, ClientOrderId: $"s{submitter}-n{n}");
                var first = await grain.SubmitOrderAsync(request);
                acknowledged.Add(first.Order!);
                if (n % 5 == 0)
                {
                    var retry = await grain.SubmitOrderAsync(request);
                    Assert.True(retry.Duplicate);
                    Assert.Equal(first.Order!.Id, retry.Order!.Id);
                }
            }
        });

        var orders = (await grain.GetOrdersAsync(OrderStatusFilter.All)).Reverse().ToList();
        var fills = await grain.GetFillsAsync();
        Assert.Equal(Submitters * OrdersEach, orders.Count);
        Assert.Equal(orders.Count, acknowledged.Select(o => o.Id).Distinct().Count());
        Assert.All(orders, o => Assert.Equal(OrderStatus.Filled, o.Status));
        Assert.Equal(orders.Count, fills.Count);
        Assert.Equal(fills.Count, fills.Select(f => f.Id).Distinct().Count());
        Assert.Equal(orders.Select(o => o.Id).Order(), fills.Select(f => f.OrderId).Order());

        // Replay the orders in the sequence the grain took them through the oracle: same fills, same account.
        var oracle = new ReferenceBroker(accountId, 1_000_000m, terms,
            symbol => symbol == "T-CONC" ? new InstrumentSpec("T-CONC", "concurrency test", InstrumentKind.Crypto, "USD", 0.01m, 1m, 1m, null) : null,
            (_, _) => true);
        oracle.ApplyQuote(quote);
        foreach (var order in orders)
            oracle.Submit(new OrderRequest(order.Symbol, order.Side, order.Type, order.Quantity, order.TimeInForce, ClientOrderId: order.ClientOrderId), order.CreatedAt);

        Assert.Empty(TradingStateComparer.Lists("fills", oracle.Fills, fills, f => f.Id));
        Assert.Empty(TradingStateComparer.Lists("positions", oracle.Positions, await grain.GetPositionsAsync(), p => p.Symbol));
        var now = fixture.Clock.GetUtcNow();
        Assert.Empty(TradingStateComparer.Record("account", oracle.Snapshot(now), (await grain.GetAccountAsync())!));
    }
}
