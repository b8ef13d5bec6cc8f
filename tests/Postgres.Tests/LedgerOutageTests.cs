using System.Collections.Concurrent;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.Persistence.Ledger;
using Crucible.TestSupport;
using static Crucible.TestSupport.Ledger.LedgerSamples;

namespace Crucible.Postgres.Tests;

/// <summary>Stops and restarts PostgreSQL under a working ledger, so it runs its own server, not the collection's.</summary>
public sealed class LedgerOutageTests : IAsyncLifetime
{
    // A bound against hanging, not a speed requirement: an outage must end an append one way or the other.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly PostgresServerFixture server = new();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task While_PostgreSQL_is_away_appends_fail_clearly_nothing_acknowledged_is_lost_and_appends_succeed_when_it_returns()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "outage");
        await using var ledger = db.Ledger(new PostgresLedgerOptions { CommitTimeout = TimeSpan.FromSeconds(5) });
        var acknowledged = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<LedgerUnavailableException>();
        using var stop = new CancellationTokenSource();
        var next = 0;

        // Appenders keep going through the outage, as grains would.
        var appenders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = $"F-{Interlocked.Increment(ref next)}";
                try
                {
                    await ledger.AppendAsync(new FillRecorded("a", Fill(id, "O-1", "XYZ", OrderSide.Buy, 1m, 10m))).AsTask().WaitAsync(Bound);
                    acknowledged.Add(id);
                }
                catch (LedgerUnavailableException e)
                {
                    refused.Add(e);
                }

                await Task.Delay(10);
            }
        })).ToList();

        await WaitUntilAsync(() => acknowledged.Count >= 20);
        await server.StopAsync();
        try
        {
            var error = await Assert.ThrowsAsync<LedgerUnavailableException>(() =>
                ledger.AppendAsync(new AccountOpened("during-outage", 1m, T0)).AsTask().WaitAsync(Bound));
            Assert.NotNull(error.InnerException);
            // The failed batch may hold other appenders' entries too: the message names how many and why.
            Assert.Matches(@"could not make \d+ entries durable", error.Message);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            await server.StartAgainAsync();
        }

        await ledger.AppendAsync(new AccountOpened("after-outage", 1m, T0)).AsTask().WaitAsync(Bound);
        var beforeResume = acknowledged.Count;
        await WaitUntilAsync(() => acknowledged.Count >= beforeResume + 20);
        await stop.CancelAsync();
        await Task.WhenAll(appenders);

        Assert.NotEmpty(refused);
        Assert.True(ledger.FailedBatches > 0);
        var stored = (await db.StringsAsync("SELECT fill_id FROM ledger_fills")).ToHashSet();
        Assert.Subset(stored, acknowledged.ToHashSet());
        Assert.Equal(["after-outage"], await db.StringsAsync("SELECT account_id FROM ledger_accounts"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition()) await Task.Delay(20, timeout.Token);
    }
}
