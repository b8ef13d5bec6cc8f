using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.Persistence.Ledger;
using Crucible.TestSupport;
using static Crucible.TestSupport.Ledger.LedgerSamples;

namespace Crucible.Postgres.Tests;

/// <summary>An append that reuses a stored natural key: the same content is a retry, other content is refused.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerConflictTests(PostgresServerFixture server)
{
    [Fact]
    public async Task An_append_retried_with_identical_content_of_every_kind_succeeds_and_is_stored_once()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "retry");
        await using var ledger = db.Ledger();
        // Every table, with null columns (a rule event with no fill, a transition with no reason) that must compare equal.
        var entries = ScriptedAccount("a").Concat<LedgerEntry>(
        [
            new RuleEventRecorded("a", 1, new RuleEvent(T0.AddMinutes(1), "daily-loss", RuleEventKind.SoftBreach, -10m, -5m, 990m, 990m,
                ObservationCause.Tick, "AAPL", 7, null, "equity fell below the day's floor")),
            new EquitySampled("a", new EquitySample(T0.AddMinutes(2), 990m, 995.5m)),
            new AssessmentTransition("as-1", 1, 1, 0, "Created", "Active", "start", "engine", null, T0),
            new AssessmentOpened("as-1", "trader-1", new ChallengePlan("p", "P", 1_000m, 10m, []), 10m, "sim_ch_1", null, T0),
        ]).ToList();

        await ledger.AppendAsync(entries);
        await ledger.AppendAsync(entries);
        // The same fill price written with another scale is the same number: a retry, not a conflict.
        var stored = entries.OfType<FillRecorded>().First();
        await ledger.AppendAsync([stored with { Fill = stored.Fill with { Price = stored.Fill.Price * 1.000m } }]);

        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_accounts"));
        Assert.Equal(10L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_order_changes"));
        Assert.Equal(6L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_fills"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_settlements"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_rule_events"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_equity_samples"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_assessment_transitions"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_assessments"));
        Assert.Equal(0L, ledger.FailedBatches);
    }

    [Fact]
    public async Task An_append_reusing_a_stored_fill_id_with_another_price_fails_naming_the_key_while_its_batch_neighbour_commits()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "conflict");
        await using var ledger = db.Ledger();
        await ledger.AppendAsync([new FillRecorded("a", Fill("F-1", "O-1", "XYZ", OrderSide.Buy, 2m, 100m))]);

        var (reused, neighbour) = await InOneBatch(ledger,
            // A second activation reusing F-1 for another execution, with the order it placed.
            [
                new OrderRecorded(Order("a", "O-2", "XYZ", OrderSide.Buy, OrderType.Market, 2m, OrderStatus.Filled, 2m, averageFill: 101m), 1),
                new FillRecorded("a", Fill("F-1", "O-2", "XYZ", OrderSide.Buy, 2m, 101m)),
            ],
            [new FillRecorded("b", Fill("F-1", "O-1", "XYZ", OrderSide.Sell, 3m, 99m))]);

        var error = await Assert.ThrowsAsync<LedgerConflictException>(() => reused);
        Assert.Equal("ledger_fills", error.Table);
        Assert.Equal("account_id = 'a', fill_id = 'F-1'", error.Key);
        Assert.Contains("ledger_fills", error.Message);
        Assert.Contains("fill_id = 'F-1'", error.Message);
        await neighbour;
        // The stored fill is untouched and nothing of the refused append is stored, not even its order.
        Assert.Equal(["a:100", "b:99"], await db.StringsAsync("SELECT account_id || ':' || price FROM ledger_fills ORDER BY account_id"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_order_changes"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_orders"));
    }

    [Fact]
    public async Task Two_contents_for_one_key_in_one_batch_store_the_first_and_fail_the_later_append()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "inbatch");
        await using var ledger = db.Ledger();

        var (first, later) = await InOneBatch(ledger,
            [new EquitySampled("a", new EquitySample(T0, 1_000m, 1_000m))],
            [new EquitySampled("a", new EquitySample(T0, 1_000m, 1_250m)), new AccountOpened("a", 1_000m, T0)]);

        await first;
        var error = await Assert.ThrowsAsync<LedgerConflictException>(() => later);
        Assert.Equal("ledger_equity_samples", error.Table);
        Assert.StartsWith("account_id = 'a', sampled_at = '2025-03-03 14:30:00", error.Key);
        Assert.Equal(1_000m, await db.ScalarAsync<decimal>("SELECT equity FROM ledger_equity_samples"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_accounts WHERE account_id = 'a'"));
    }

    /// <summary>
    /// Queues both appends while the writer is held after a commit, so the writer takes them together (with the
    /// holding append too, if it had not taken that one yet).
    /// </summary>
    private static async Task<(Task First, Task Second)> InOneBatch(PostgresLedger ledger, LedgerEntry[] first, LedgerEntry[] second)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ledger.AfterCommit = async _ => await release.Task;
        var holding = ledger.AppendAsync([new AccountOpened("holding", 1m, T0)]).AsTask();
        var appends = (ledger.AppendAsync(first).AsTask(), ledger.AppendAsync(second).AsTask());
        release.SetResult();
        await holding;
        ledger.AfterCommit = null;
        return appends;
    }
}
