using System.Text.Json;
using Crucible.Grains.Analytics;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Persistence.Ledger;
using Crucible.TestSupport;
using Npgsql;
using static Crucible.Postgres.Tests.Durable.DurableAccounts;

namespace Crucible.Postgres.Tests.Durable;

/// <summary>
/// Reports read the ledger in durable mode and the grains in embedded mode (docs/statistics.md "Where the numbers come
/// from"): on a durable silo both reads of an assessment account give the same activity, trades and statistics.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableAnalyticsTests(PostgresServerFixture server) : IDisposable
{
    [Fact]
    public async Task An_assessment_accounts_activity_trades_and_statistics_read_the_same_from_the_ledger_and_from_its_grains()
    {
        var connectionString = await MigratedDatabaseAsync(server, "analytics");
        await using var silo = await DurableSilo.StartAsync(connectionString);
        await QuoteAsync(silo.Grains, "BTC-USD");
        var id = AssessmentIds.ForPurchase("analytics-1");
        var assessment = (await silo.Grains.GetGrain<IAssessmentGrain>(id).PurchaseAsync(
            new PurchaseRequest("classic-2step-100k", "trader-a", "tok_visa", "analytics-1"))).Assessment!;
        var account = assessment.CurrentAccountId!;
        var book = silo.Grains.GetGrain<IPositionBookGrain>(account);
        await FilledAsync(book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Buy, 0.5m, "a-1")));
        await FilledAsync(book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Sell, 0.3m, "a-2")));
        await FilledAsync(book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Sell, 0.4m, "a-3")));   // a flip: short 0.2
        await FilledAsync(book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Buy, 0.2m, "a-4")));
        var plan = (await silo.Grains.GetGrain<IPlanCatalogGrain>(0).FindAsync("classic-2step-100k"))!;
        var evaluation = new AccountEvaluation(id, 0, plan.Phases[0], assessment.Phases[0].StartedAt);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var fromLedger = AccountActivity.FromHistory(await new PostgresLedgerReader(dataSource).ReadAccountAsync(account))!.Normalized();
        var fromGrains = await BookActivity.ReadAsync(silo.Grains, account, evaluation, _ => 1m);

        Assert.Equal(4, fromLedger.Fills.Count);
        Assert.Equal(Json(fromLedger), Json(fromGrains));
        var (ledger, grains) = (new AccountAnalysis(fromLedger, _ => 1m), new AccountAnalysis(fromGrains, _ => 1m));
        Assert.Equal(3, ledger.Trades.Trades.Count);
        Assert.Equal(Json(ledger.Trades), Json(grains.Trades));
        var (from, to) = (ledger.From(DateTimeOffset.UtcNow), ledger.To(DateTimeOffset.UtcNow, ended: true));
        Assert.Equal(Json(ledger.Statistics(from, to)), Json(grains.Statistics(from, to)));
    }

    // The silo's providers pool connections per database; idle ones of finished tests would crowd the shared server.
    public void Dispose() => NpgsqlConnection.ClearAllPools();

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
