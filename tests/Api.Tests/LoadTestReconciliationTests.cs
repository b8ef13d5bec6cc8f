using Crucible.Grains.Interfaces.Trading;
using Crucible.LoadTest;
using Microsoft.Extensions.Configuration;

namespace Crucible.Api.Tests;

/// <summary>
/// The load tester's counts (src/LoadTest, run in-process against the test host, over real HTTP or as an Orleans client
/// through the host's silo gateway) agree with what the engine holds: every order it counted as accepted is an order of
/// its accounts, every fill it counted is a fill.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LoadTestReconciliationTests(CrucibleApiFactory factory)
{
    [Theory]
    [InlineData("random", Via.Http)]
    [InlineData("scalper", Via.Http)]
    [InlineData("random", Via.Grains)]
    [InlineData("scalper", Via.Grains)]
    public async Task Load_tester_counts_of_accepted_orders_and_fills_equal_the_orders_and_fills_the_engine_holds(string strategy, Via via)
    {
        var options = new LoadTestOptions
        {
            Accounts = 5,
            Duration = TimeSpan.FromSeconds(3),
            OrderRate = 25,
            Strategy = strategy,
            Via = via,
            // Over grains the API host is only where /metrics is read (--api).
            Target = factory.ServerAddress,
            Gateways = [Gateway()],
            Seed = 7,
            Concurrency = 8,
            SignalRClients = 1,
            Quiet = true,
        };

        var result = await new LoadTestRunner(options, TextWriter.Null).RunAsync(CancellationToken.None);

        Assert.Equal(via == Via.Grains ? "grains" : "http", result.Via);
        Assert.Equal(5, result.AccountIds.Count);
        Assert.True(result.OrdersAccepted > 0, "the bots placed no order");
        Assert.Equal(0, result.Errors);
        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        long engineOrders = 0, engineRejected = 0, engineFills = 0;
        foreach (var account in result.AccountIds)
        {
            var book = cluster.GetGrain<IPositionBookGrain>(account);
            var orders = await book.GetOrdersAsync(OrderStatusFilter.All);
            engineOrders += orders.Count(o => o.Status != OrderStatus.Rejected);
            engineRejected += orders.Count(o => o.Status == OrderStatus.Rejected);
            engineFills += (await book.GetFillsAsync()).Count;
        }
        Assert.Equal(result.OrdersAccepted, engineOrders);
        Assert.Equal(result.Fills, engineFills);
        // Every order a bot sent is in the engine: accepted, or kept as rejected with its reason.
        Assert.Equal(result.OrdersSent, engineOrders + engineRejected);
    }

    [Fact]
    public async Task Grain_call_baseline_answers_every_ping_through_the_gateway()
    {
        var options = new LoadTestOptions { Baseline = Baseline.GrainCall, Gateways = [Gateway()], Duration = TimeSpan.FromSeconds(1), Concurrency = 4 };

        var result = await Baselines.RunAsync(options, TextWriter.Null, CancellationToken.None);

        Assert.True(result.Requests > 0, "no ping answered");
        Assert.Equal(0, result.Failures);
        Assert.Equal(result.Requests, result.LatencyMs.Count);
    }

    [Fact]
    public async Task Fan_out_baseline_counts_each_delivery_its_targets_received_once()
    {
        const int width = 10;
        var options = new LoadTestOptions { Baseline = Baseline.Fanout, Gateways = [Gateway()], Accounts = width, Duration = TimeSpan.FromSeconds(1), Concurrency = 2 };

        var result = await Baselines.RunAsync(options, TextWriter.Null, CancellationToken.None);

        Assert.True(result.Requests > 0, "no fan-out sent");
        Assert.Equal(0, result.Failures);
        // Every fan-out of the window reaches each of its targets once: no more (the warm-up's are not counted), no fewer.
        Assert.Equal(result.Requests * width, result.Deliveries);
        Assert.Equal(0, result.Undelivered);
    }

    private string Gateway()
    {
        _ = factory.ServerAddress; // starts the host, and its silo's gateway
        return $"127.0.0.1:{factory.Services.GetRequiredService<IConfiguration>()["Orleans:GatewayPort"]}";
    }

    [Fact]
    public async Task A_paced_run_whose_bots_have_no_order_due_before_the_deadline_ends_at_the_deadline_having_opened_the_accounts()
    {
        // 4 accounts at 0.001 orders/s: one order per bot every 4,000 s, the first at a random point of that interval.
        // With seed 3 none falls inside the 1 s run. Before, each bot slept until its order (up to an hour) and the run
        // with it; bench/soak/footprint.sh opens idle accounts this way.
        var options = new LoadTestOptions
        {
            Accounts = 4,
            Duration = TimeSpan.FromSeconds(1),
            OrderRate = 0.001,
            Target = factory.ServerAddress,
            Seed = 3,
            Concurrency = 4,
            SignalRClients = 0,
            Quiet = true,
        };

        var run = new LoadTestRunner(options, TextWriter.Null).RunAsync(CancellationToken.None);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(run, finished);
        var result = await run;
        Assert.Equal(4, result.AccountIds.Count);
        Assert.Equal(0, result.OrdersSent);
        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        foreach (var account in result.AccountIds)
            Assert.Empty(await cluster.GetGrain<IPositionBookGrain>(account).GetOrdersAsync(OrderStatusFilter.All));
    }
}
