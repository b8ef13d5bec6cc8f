using System.Collections.Concurrent;
using Crucible.Api.Markets;
using Crucible.Grains.Interfaces.Markets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crucible.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class MarketHubTests(CrucibleApiFactory factory)
{
    private MarketSubscriptions Subscriptions => factory.Services.GetRequiredService<MarketSubscriptions>();

    private HubConnection Connect() => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.ServerAddress, "/hubs/market"))
        .Build();

    [Fact]
    public async Task A_client_subscribed_to_two_symbols_receives_updates_for_exactly_those_two()
    {
        await using var connection = Connect();
        var received = new ConcurrentQueue<Quote>();
        connection.On<Quote>(nameof(IMarketClient.Quote), received.Enqueue);
        await connection.StartAsync();

        var snapshot = await connection.InvokeAsync<IReadOnlyList<Quote>>("Subscribe", new[] { "btc-usd", "ETH-USD" });
        await WaitUntil(() => received.Select(q => q.Symbol).Distinct().Count() == 2 && received.Count >= 10, TimeSpan.FromSeconds(15));
        await Task.Delay(1_000);

        Assert.All(snapshot, q => Assert.Contains(q.Symbol, new[] { "BTC-USD", "ETH-USD" }));
        Assert.Equal(["BTC-USD", "ETH-USD"], received.Select(q => q.Symbol).Distinct().Order());
        foreach (var symbol in new[] { "BTC-USD", "ETH-USD" })
        {
            var sequences = received.Where(q => q.Symbol == symbol).Select(q => q.Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
            Assert.Equal(sequences.Count, sequences.Distinct().Count());
        }
    }

    [Fact]
    public async Task Unsubscribing_stops_the_updates_of_that_symbol_only()
    {
        await using var connection = Connect();
        var received = new ConcurrentQueue<Quote>();
        connection.On<Quote>(nameof(IMarketClient.Quote), received.Enqueue);
        await connection.StartAsync();
        await connection.InvokeAsync<IReadOnlyList<Quote>>("Subscribe", new[] { "SOL-USD", "BTC-USD" });
        await WaitUntil(() => received.Any(q => q.Symbol == "SOL-USD"), TimeSpan.FromSeconds(15));

        await connection.InvokeAsync("Unsubscribe", new[] { "SOL-USD" });
        await Task.Delay(300); // quotes already on the wire may still arrive
        received.Clear();
        await Task.Delay(1_500);

        Assert.DoesNotContain(received, q => q.Symbol == "SOL-USD");
        Assert.Contains(received, q => q.Symbol == "BTC-USD");
        Assert.Equal(["BTC-USD"], Subscriptions.SymbolsOf(connection.ConnectionId!));
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_symbol_fails_naming_it_and_subscribes_nothing()
    {
        await using var connection = Connect();
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<IReadOnlyList<Quote>>("Subscribe", new[] { "BTC-USD", "NOPE" }));

        Assert.Contains("unknown symbol 'NOPE'", error.Message);
        Assert.Empty(Subscriptions.SymbolsOf(connection.ConnectionId!));
    }

    [Fact]
    public async Task A_thousand_connect_subscribe_disconnect_cycles_leave_no_subscription_behind()
    {
        var baselineConnections = Subscriptions.ConnectionCount;
        var baselineSubscriptions = Subscriptions.SubscriptionCount;

        await Parallel.ForEachAsync(Enumerable.Range(0, 1_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            await using var connection = Connect();
            await connection.StartAsync();
            await connection.InvokeAsync<IReadOnlyList<Quote>>("Subscribe", new[] { "BTC-USD", i % 2 == 0 ? "AAPL" : "EUR-USD" });
            if (i % 3 == 0)
                await connection.InvokeAsync("Unsubscribe", new[] { "BTC-USD" });
        });

        await WaitUntil(() => Subscriptions.ConnectionCount == baselineConnections, TimeSpan.FromSeconds(60));
        Assert.Equal(baselineSubscriptions, Subscriptions.SubscriptionCount);
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(25);
        }
    }
}
