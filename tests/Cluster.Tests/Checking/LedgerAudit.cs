using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.Cluster.Tests.Driving;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.Persistence.Ledger;
using Npgsql;

namespace Crucible.Cluster.Tests.Checking;

/// <summary>
/// After a run, holds what the traders were told against the ledger in PostgreSQL:
/// every acknowledged order is stored exactly once (and no retry placed a second order under its client order id), every
/// acknowledged fill quantity and cancel is there, every order's state and every fill the API reports is the ledger's
/// (each fill stored exactly once, and no other), and every account's balance and positions from the API equal <see cref="AccountRebuild"/> over
/// <see cref="PostgresLedgerReader"/>. Returns the discrepancies, one line each; none means the run kept its word.
/// </summary>
public static class LedgerAudit
{
    public sealed record Report(IReadOnlyList<string> Discrepancies, int Accounts, int Orders, int Fills, int Cancels);

    public static async Task<Report> RunAsync(HttpClient http, NpgsqlDataSource dataSource, TradingDriver driver, int concurrency = 8)
    {
        var problems = new ConcurrentQueue<string>();
        var reader = new PostgresLedgerReader(dataSource);
        var ledgerOrders = await LedgerOrdersAsync(dataSource, driver.Accounts);
        var fillsByOrder = new ConcurrentDictionary<(string, string), decimal>();
        var rebuilt = new ConcurrentDictionary<string, RebuiltAccount>(StringComparer.Ordinal);
        var fills = 0;

        await Parallel.ForEachAsync(driver.Accounts, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (account, ct) =>
        {
            var fromLedger = AccountRebuild.From(await reader.ReadAccountAsync(account, ct));
            rebuilt[account] = fromLedger;
            foreach (var fill in fromLedger.Fills) fillsByOrder.AddOrUpdate((account, fill.OrderId), fill.Quantity, (_, q) => q + fill.Quantity);

            var snapshot = (await http.GetFromJsonAsync<JsonNode>($"/api/v1/accounts/{account}", ct))!;
            Same(problems, account, "balance", Number(snapshot, "balance"), fromLedger.Balance);
            Same(problems, account, "realizedPnl", Number(snapshot, "realizedPnl"), fromLedger.RealizedPnl);
            Same(problems, account, "commissionsPaid", Number(snapshot, "commissionsPaid"), fromLedger.Commissions);

            var positions = (await http.GetFromJsonAsync<JsonArray>($"/api/v1/accounts/{account}/positions", ct))!
                .Select(p => (Symbol: p!["symbol"]!.GetValue<string>(), Quantity: Number(p!, "quantity"), Average: Number(p!, "averageEntryPrice")))
                .OrderBy(p => p.Symbol, StringComparer.Ordinal).ToList();
            var expected = fromLedger.Positions.Select(p => (p.Symbol, p.Quantity, Average: p.AverageEntryPrice)).ToList();
            if (!positions.SequenceEqual(expected))
                problems.Enqueue($"{account}: positions from the API [{string.Join("; ", positions)}] differ from the ledger's [{string.Join("; ", expected)}]");

            // Every order's state as the API shows it is the ledger's latest state of it (e.g. a resting order still works).
            var orders = (await http.GetFromJsonAsync<JsonArray>($"/api/v1/accounts/{account}/orders?status=all", ct))!
                .Select(o => (Id: o!["id"]!.GetValue<string>(), Status: o!["status"]!.GetValue<string>(), Filled: Number(o!, "filledQuantity")))
                .OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
            var ledgerStates = fromLedger.Orders
                .Select(o => (o.Id, Status: SnakeCase(o.Status.ToString()), Filled: o.FilledQuantity))
                .OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
            foreach (var (api, ledger) in orders.Zip(ledgerStates).Where(p => p.First != p.Second))
                problems.Enqueue($"{account}: order {api} from the API, {ledger} in the ledger");
            if (orders.Count != ledgerStates.Count)
                problems.Enqueue($"{account}: the API shows {orders.Count} orders, the ledger holds {ledgerStates.Count}");

            var apiFills = (await http.GetFromJsonAsync<JsonArray>($"/api/v1/accounts/{account}/fills", ct))!
                .Select(f => f!["id"]!.GetValue<string>()).ToList();
            Interlocked.Add(ref fills, apiFills.Count);
            foreach (var twice in apiFills.GroupBy(id => id).Where(g => g.Count() > 1))
                problems.Enqueue($"{account}: the API reports fill {twice.Key} {twice.Count()} times");
            var ledgerFills = fromLedger.Fills.Select(f => f.Id).ToList();
            foreach (var twice in ledgerFills.GroupBy(id => id).Where(g => g.Count() > 1))
                problems.Enqueue($"{account}: the ledger holds fill {twice.Key} {twice.Count()} times");
            foreach (var missing in apiFills.Except(ledgerFills))
                problems.Enqueue($"{account}: fill {missing} reported by the API is not in the ledger");
            foreach (var extra in ledgerFills.Except(apiFills))
                problems.Enqueue($"{account}: fill {extra} is in the ledger but the API does not report it");
        });

        foreach (var order in driver.Orders)
        {
            var stored = ledgerOrders.GetValueOrDefault((order.AccountId, order.OrderId));
            if (stored != 1)
                problems.Enqueue($"{order.AccountId}: acknowledged order {order.OrderId} is in ledger_orders {stored} times");
            var filled = fillsByOrder.GetValueOrDefault((order.AccountId, order.OrderId));
            if (order.Status == "filled" && filled != order.FilledQuantity)
                problems.Enqueue($"{order.AccountId}: acknowledged filled order {order.OrderId} ({order.FilledQuantity}) has {filled} filled in the ledger");
        }

        // Every client order id the driver sent is new: two orders under one means a retry placed the order twice.
        foreach (var (account, clientOrderId, count) in await ClientOrderIdsPlacedTwiceAsync(dataSource, driver.Accounts))
            problems.Enqueue($"{account}: client order id {clientOrderId} was placed as {count} orders");

        foreach (var cancel in driver.Cancels)
        {
            var state = rebuilt.TryGetValue(cancel.AccountId, out var account)
                ? account.Orders.FirstOrDefault(o => o.Id == cancel.OrderId)?.Status
                : null;
            if (state != OrderStatus.Canceled)
                problems.Enqueue($"{cancel.AccountId}: acknowledged cancel of {cancel.OrderId} but the ledger's latest state is {state?.ToString() ?? "missing"}");
        }

        return new Report([.. problems], driver.Accounts.Count, driver.Orders.Count, fills, driver.Cancels.Count);
    }

    /// <summary>How many rows ledger_orders holds for each (account, order id) of the run's accounts.</summary>
    private static async Task<Dictionary<(string Account, string Order), int>> LedgerOrdersAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> accounts)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT account_id, order_id, count(*)::int FROM ledger_orders WHERE account_id = ANY($1) GROUP BY account_id, order_id");
        command.Parameters.AddWithValue(accounts.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<(string, string), int>();
        while (await reader.ReadAsync()) counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt32(2);
        return counts;
    }

    private static async Task<List<(string Account, string ClientOrderId, int Count)>> ClientOrderIdsPlacedTwiceAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<string> accounts)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT account_id, client_order_id, count(*)::int FROM ledger_orders
            WHERE account_id = ANY($1) AND client_order_id IS NOT NULL
            GROUP BY account_id, client_order_id HAVING count(*) > 1
            """);
        command.Parameters.AddWithValue(accounts.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var twice = new List<(string, string, int)>();
        while (await reader.ReadAsync()) twice.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        return twice;
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static decimal Number(JsonNode node, string field) => node[field]!.GetValue<decimal>();

    private static void Same(ConcurrentQueue<string> problems, string account, string field, decimal fromApi, decimal fromLedger)
    {
        if (fromApi != fromLedger)
            problems.Enqueue($"{account}: {field} {fromApi} from the API, {fromLedger} recomputed from the ledger");
    }
}
