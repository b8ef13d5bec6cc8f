using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.TestSupport;
using Npgsql;
using static Crucible.Postgres.Tests.Durable.DurableAccounts;

namespace Crucible.Postgres.Tests.Durable;

/// <summary>Stops and restarts PostgreSQL under a durable silo, so it runs its own server, not the collection's.</summary>
public sealed class DurableBookOutageTests : IAsyncLifetime
{
    private readonly PostgresServerFixture server = new();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task While_PostgreSQL_is_away_orders_fail_with_ledger_unavailable_nothing_acknowledged_changes_and_trading_resumes_when_it_returns()
    {
        var connectionString = await MigratedDatabaseAsync(server, "book_outage");
        await using var silo = await DurableSilo.StartAsync(connectionString);
        await QuoteAsync(silo.Grains, "BTC-USD");
        var book = silo.Grains.GetGrain<IPositionBookGrain>("dave");
        await book.OpenAsync(new OpenAccountRequest(100_000m));
        var first = await book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Buy, 0.4m, "before"));
        Assert.Equal(OrderStatus.Filled, first.Order!.Status);
        var acknowledged = await ViewAsync(book);

        await server.StopAsync();
        try
        {
            // The first command's append fails; the next finds an activation that cannot read the ledger. Both say so.
            foreach (var clientOrderId in new[] { "during-1", "during-2" })
            {
                var refused = await book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Buy, 0.1m, clientOrderId)).WaitAsync(Bound);
                Assert.Null(refused.Order);
                Assert.Equal(OrderErrorCode.LedgerUnavailable, refused.Error!.Code);
                Assert.Contains("retry", refused.Error.Message);
            }
            await Assert.ThrowsAnyAsync<Exception>(() => book.GetAccountAsync().WaitAsync(Bound));
        }
        finally
        {
            await server.StartAgainAsync();
        }

        // What was acknowledged is all there is: the refused orders were not kept anywhere.
        var reloaded = await UntilAvailableAsync(() => ViewAsync(book));
        reloaded.AssertSameAs(acknowledged);

        var retried = await book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Buy, 0.1m, "during-1"));
        Assert.False(retried.Duplicate);
        Assert.Equal(OrderStatus.Filled, retried.Order!.Status);
        var fills = await book.GetFillsAsync();
        Assert.Equal(["F-1", "F-2"], fills.Select(f => f.Id));

        // The account and its ledger agree.
        var account = (await book.GetAccountAsync())!;
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand(
            "SELECT count(*), sum(quantity), sum(commission) FROM ledger_fills WHERE account_id = 'dave'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((2L, 0.5m, account.CommissionsPaid), (reader.GetInt64(0), reader.GetDecimal(1), reader.GetDecimal(2)));
    }

    // The server is back, but a connection or activation may still carry the outage for a moment.
    private static async Task<T> UntilAvailableAsync<T>(Func<Task<T>> read)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception e) when (e is LedgerUnavailableException || e.Message.Contains("ledger", StringComparison.OrdinalIgnoreCase))
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }
}
