using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport;
using Npgsql;
using static Crucible.Postgres.Tests.Durable.DurableAccounts;

namespace Crucible.Postgres.Tests.Durable;

/// <summary>Position books in durable mode: what was acknowledged is in the ledger, and a new silo rebuilds the accounts from it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableBookTests(PostgresServerFixture server) : IDisposable
{
    private static readonly string[] Accounts = ["alice", "bob"];

    [Fact]
    public async Task After_a_full_restart_of_the_silo_every_account_has_the_same_orders_fills_positions_and_balance_and_keeps_trading()
    {
        var connectionString = await MigratedDatabaseAsync(server, "book_restart");
        var before = new Dictionary<string, AccountView>();
        await using (var first = await DurableSilo.StartAsync(connectionString))
        {
            var btc = await QuoteAsync(first.Grains, "BTC-USD");
            await QuoteAsync(first.Grains, "ETH-USD");
            foreach (var id in Accounts)
            {
                var book = first.Grains.GetGrain<IPositionBookGrain>(id);
                await book.OpenAsync(new OpenAccountRequest(100_000m));
                await FilledAsync(book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Buy, 0.5m, "buy-btc")));
                await FilledAsync(book.SubmitOrderAsync(Market("ETH-USD", OrderSide.Buy, 2m, "buy-eth")));
                await FilledAsync(book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Sell, 0.2m, "sell-btc")));
                // Far from the market: it rests through the restart.
                var resting = await book.SubmitOrderAsync(Limit("BTC-USD", OrderSide.Buy, 0.1m, Math.Round(btc.Bid / 2m), "rest-btc"));
                Assert.Equal(OrderStatus.Accepted, resting.Order!.Status);
                before[id] = await ViewAsync(book);
            }
        }

        await using var second = await DurableSilo.StartAsync(connectionString);
        foreach (var id in Accounts)
        {
            var book = second.Grains.GetGrain<IPositionBookGrain>(id);
            (await ViewAsync(book)).AssertSameAs(before[id]);
            Assert.Single(await book.GetOrdersAsync(OrderStatusFilter.Open));

            // It goes on where it was: a retry is recognised, the next order and fill take the next ids.
            var retry = await book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Buy, 0.5m, "buy-btc"));
            Assert.True(retry.Duplicate);
            Assert.Equal("O-1", retry.Order!.Id);
            var next = await FilledAsync(book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Sell, 0.3m, "close-btc")));
            Assert.Equal("O-5", next.Id);
            Assert.Equal("F-4", (await book.GetFillsAsync())[^1].Id);
            Assert.DoesNotContain(await book.GetPositionsAsync(), p => p.Symbol == "BTC-USD");
        }
    }

    [Fact]
    public async Task The_ledger_holds_every_acknowledged_order_and_fill_once_with_the_accounts_quantities_commissions_and_realized_pnl()
    {
        var connectionString = await MigratedDatabaseAsync(server, "book_totals");
        await using var silo = await DurableSilo.StartAsync(connectionString);
        await QuoteAsync(silo.Grains, "BTC-USD");
        var expected = new Dictionary<string, (int Orders, int Fills, decimal Quantity, decimal Commissions, decimal Realized, decimal Balance)>();
        foreach (var id in Accounts)
        {
            var book = silo.Grains.GetGrain<IPositionBookGrain>(id);
            await book.OpenAsync(new OpenAccountRequest(250_000m));
            // Round trips of different sizes; every fifth one retried, as a client after a timeout would.
            for (var n = 1; n <= 12; n++)
            {
                var side = n % 2 == 1 ? OrderSide.Buy : OrderSide.Sell;
                var request = Market("BTC-USD", side, 0.1m * ((n + 1) / 2), $"{id}-{n}");
                await FilledAsync(book.SubmitOrderAsync(request));
                if (n % 5 == 0) Assert.True((await book.SubmitOrderAsync(request)).Duplicate);
            }

            var fills = await book.GetFillsAsync();
            var account = (await book.GetAccountAsync())!;
            Assert.Equal(12, fills.Count);
            expected[id] = ((await book.GetOrdersAsync(OrderStatusFilter.All)).Count, fills.Count, fills.Sum(f => f.Quantity),
                account.CommissionsPaid, account.RealizedPnl, account.Balance);
        }

        await using var db = NpgsqlDataSource.Create(connectionString);
        foreach (var id in Accounts)
        {
            var (orders, fills, quantity, commissions, realized, balance) = expected[id];
            Assert.Equal(orders, await ScalarAsync<long>(db, "SELECT count(*) FROM ledger_orders WHERE account_id = $1", id));
            Assert.Equal(orders, await ScalarAsync<long>(db, "SELECT count(DISTINCT order_id) FROM ledger_order_changes WHERE account_id = $1", id));
            Assert.Equal(fills, await ScalarAsync<long>(db, "SELECT count(*) FROM ledger_fills WHERE account_id = $1", id));
            Assert.Equal(quantity, await ScalarAsync<decimal>(db, "SELECT sum(quantity) FROM ledger_fills WHERE account_id = $1", id));
            Assert.Equal(commissions, await ScalarAsync<decimal>(db, "SELECT sum(commission) FROM ledger_fills WHERE account_id = $1", id));
            Assert.Equal(realized, await ScalarAsync<decimal>(db, "SELECT sum(realized_pnl) FROM ledger_fills WHERE account_id = $1", id));
            Assert.Equal(balance, await ScalarAsync<decimal>(db,
                "SELECT a.initial_balance + sum(f.realized_pnl) - sum(f.commission) FROM ledger_accounts a JOIN ledger_fills f USING (account_id) WHERE account_id = $1 GROUP BY a.initial_balance", id));
            // Every order's last recorded state is filled, as the grain answered.
            Assert.Equal(["Filled"], await StringsAsync(db,
                "SELECT DISTINCT c.status FROM ledger_order_changes c WHERE account_id = $1 AND version = (SELECT max(version) FROM ledger_order_changes m WHERE m.account_id = c.account_id AND m.order_id = c.order_id)", id));
        }
    }

    // The silos' providers pool connections per database; idle ones of finished tests would crowd the shared server.
    public void Dispose() => NpgsqlConnection.ClearAllPools();

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, string key)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> StringsAsync(NpgsqlDataSource db, string sql, string key)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
