using System.Collections.Concurrent;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Crucible.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AccountHubTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;
    private readonly TradingTestClient client = new(factory);

    /// <summary>A connection signed in as the client's trader, who owns the accounts the tests open.</summary>
    private HubConnection Connect() => TestHubs.Connect(factory, "/hubs/accounts", client.User);

    [Fact]
    public async Task A_subscriber_receives_order_fill_position_and_account_events_in_sequence()
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);
        await using var connection = Connect();
        var events = new ConcurrentQueue<AccountEvent>();
        var updates = new ConcurrentQueue<AccountUpdated>();
        connection.On<OrderUpdated>(nameof(IAccountClient.Order), events.Enqueue);
        connection.On<FillReported>(nameof(IAccountClient.Fill), events.Enqueue);
        connection.On<PositionUpdated>(nameof(IAccountClient.Position), events.Enqueue);
        connection.On<AccountUpdated>(nameof(IAccountClient.Account), updates.Enqueue);
        await connection.StartAsync();

        var state = await connection.InvokeAsync<AccountState>("Subscribe", account);
        var order = await client.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 1 });
        await WaitUntil(() => events.OfType<PositionUpdated>().Any() && updates.Any(u => u.Account.CommissionsPaid == 2.25m));

        Assert.Equal(100_000m, state.Account.Equity);
        var sequences = events.Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => state.Sequence + i), sequences);
        Assert.Contains(events.OfType<OrderUpdated>(), e => e.Order.Id == (string)order["id"]! && e.Order.Status == OrderStatus.Filled);
        var fill = Assert.Single(events.OfType<FillReported>()).Fill;
        Assert.Equal(5000.25m, fill.Price);
        Assert.Equal(1m, events.OfType<PositionUpdated>().Last().Position.Quantity);
        Assert.All(events, e => Assert.Equal(account, e.AccountId));
        var latest = updates.Last().Account;
        Assert.Equal(99_997.75m, latest.Balance);
        Assert.Equal(99_985.25m, latest.Equity);
    }

    [Fact]
    public async Task Equity_updates_are_conflated_to_the_configured_rate()
    {
        var account = await client.OpenAccountAsync(1_000_000m);
        await client.QuoteAsync(5000.00m, 5000.25m);
        await client.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 1 });
        await using var connection = Connect();
        var updates = new ConcurrentQueue<AccountUpdated>();
        connection.On<AccountUpdated>(nameof(IAccountClient.Account), updates.Enqueue);
        await connection.StartAsync();
        await connection.InvokeAsync<AccountState>("Subscribe", account);

        // 100 price changes in about a second: the default is at most 4 account updates a second.
        var started = DateTime.UtcNow;
        for (var i = 0; i < 100; i++)
            await client.QuoteAsync(5000.00m + (i % 2 == 0 ? 0.25m : 0m), 5000.50m);

        // Latest wins: once the quotes have all reached the book, the last update sent carries its current equity (a
        // loaded machine delays both, so wait until they meet).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        decimal expected;
        do
        {
            await Task.Delay(100);
            expected = (decimal)(await client.GetAsync($"/api/v1/accounts/{account}"))["equity"]!;
        }
        while (DateTime.UtcNow < deadline && (updates.IsEmpty || updates.Last().Account.Equity != expected));
        var elapsed = DateTime.UtcNow - started;

        var allowed = (int)Math.Ceiling(elapsed.TotalSeconds * 4) + 1;
        Assert.InRange(updates.Count, 1, allowed);
        Assert.Equal(expected, updates.Last().Account.Equity);
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_account_fails_naming_it()
    {
        await using var connection = Connect();
        await connection.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<AccountState>("Subscribe", "nobody-here"));

        Assert.Contains("accountId", error.Message);
    }

    [Fact]
    public async Task Disconnected_subscribers_leave_no_stream_subscription_behind()
    {
        var bridge = factory.Services.GetRequiredService<AccountEventBridge>();
        var account = await client.OpenAccountAsync();
        var baseline = bridge.StreamSubscriptionCount;

        for (var i = 0; i < 50; i++)
        {
            await using var connection = Connect();
            await connection.StartAsync();
            await connection.InvokeAsync<AccountState>("Subscribe", account);
        }

        await WaitUntil(() => bridge.StreamSubscriptionCount == baseline && bridge.TrackedConnectionCount == 0);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(25);
        }
    }
}
