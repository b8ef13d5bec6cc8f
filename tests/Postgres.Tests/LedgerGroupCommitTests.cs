using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.Persistence.Ledger;
using Crucible.TestSupport;
using static Crucible.TestSupport.Ledger.LedgerSamples;

namespace Crucible.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LedgerGroupCommitTests(PostgresServerFixture server)
{
    [Fact]
    public async Task Concurrent_appenders_find_every_acknowledged_entry_stored_once_in_fewer_commits_than_appends()
    {
        const int appenders = 64, appendsEach = 200;
        await using var db = await LedgerDatabase.CreateAsync(server, "concurrent");
        await using var ledger = db.Ledger();

        // Each append is an order and its fill; quantities and commissions vary so a lost or doubled row changes the sums.
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, appenders).Select(a => Task.Run(async () =>
        {
            var mine = new List<Fill>();
            for (var n = 0; n < appendsEach; n++)
            {
                var account = $"acct-{a % 8}";
                var order = Order(account, $"O-{a}-{n}", "XYZ", OrderSide.Buy, OrderType.Market, n % 7 + 1, OrderStatus.Filled, n % 7 + 1);
                var fill = Fill($"F-{a}-{n}", order.Id, "XYZ", OrderSide.Buy, n % 7 + 1, 100m + n % 3, 0.01m * (n % 5 + 1));
                await ledger.AppendAsync([new OrderRecorded(order, 1), new FillRecorded(account, fill)]);
                mine.Add(fill);
            }

            return mine;
        })));
        var fills = acknowledged.SelectMany(f => f).ToList();

        Assert.Equal(appenders * appendsEach, fills.Count);
        Assert.Equal((long)fills.Count, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_fills"));
        Assert.Equal((long)fills.Count, await db.ScalarAsync<long>("SELECT count(DISTINCT (account_id, fill_id)) FROM ledger_fills"));
        Assert.Equal(fills.Sum(f => f.Quantity), await db.ScalarAsync<decimal>("SELECT sum(quantity) FROM ledger_fills"));
        Assert.Equal(fills.Sum(f => f.Commission), await db.ScalarAsync<decimal>("SELECT sum(commission) FROM ledger_fills"));
        Assert.Equal(fills.Sum(f => f.Quantity * f.Price), await db.ScalarAsync<decimal>("SELECT sum(quantity * price) FROM ledger_fills"));
        Assert.Equal((long)fills.Count, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_orders"));
        Assert.Equal((long)fills.Count, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_order_changes"));
        Assert.Equal(2L * fills.Count, ledger.EntriesCommitted);
        Assert.InRange(ledger.Commits, 1, fills.Count - 1);
        Assert.Equal(0L, ledger.FailedBatches);
    }

    [Fact]
    public async Task A_batch_retried_after_an_ambiguous_commit_is_stored_once()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "ambiguous");
        await using var ledger = db.Ledger();
        var entries = LedgerSamples().ToList();
        // The commit reaches the server but the writer sees an error, as when the connection drops before the answer.
        var answerLost = true;
        ledger.AfterCommit = _ => answerLost ? throw new IOException("connection reset after COMMIT was sent") : ValueTask.CompletedTask;

        var error = await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.AppendAsync(entries).AsTask());
        Assert.IsType<IOException>(error.InnerException);

        answerLost = false;
        await ledger.AppendAsync(entries);

        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_accounts"));
        Assert.Equal(6L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_fills"));
        Assert.Equal(8L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_orders"));
        Assert.Equal(10L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_order_changes"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_settlements"));
        Assert.Equal(20.23m, await db.ScalarAsync<decimal>("SELECT sum(commission) FROM ledger_fills"));
    }

    [Fact]
    public async Task An_entry_appended_twice_in_one_batch_is_stored_once_and_the_first_state_of_an_order_is_its_placement()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "twice");
        await using var ledger = db.Ledger();
        var accepted = Order("a", "O-1", "XYZ", OrderSide.Buy, OrderType.Limit, 2m, OrderStatus.Accepted, limit: 9m);
        var filled = accepted with { Status = OrderStatus.Filled, FilledQuantity = 2m, AverageFillPrice = 9m };
        var fill = new FillRecorded("a", Fill("F-1", "O-1", "XYZ", OrderSide.Buy, 2m, 9m, 0.02m));

        await ledger.AppendAsync([new OrderRecorded(accepted, 1), fill, new OrderRecorded(filled, 2), fill]);

        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_fills"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_orders"));
        Assert.Equal(["Accepted", "Filled"], await db.StringsAsync("SELECT status FROM ledger_order_changes ORDER BY version"));
    }

    [Fact]
    public async Task An_append_the_database_refuses_fails_alone_and_its_neighbours_are_acknowledged()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "refused");
        await using var ledger = db.Ledger();
        // PostgreSQL text cannot hold NUL: a data error only the database detects.
        var poisoned = new FillRecorded("a", Fill("F-bad", "O-1", "X\0Y", OrderSide.Buy, 1m, 1m));

        var appends = Enumerable.Range(0, 20)
            .Select(i => ledger.AppendAsync(i == 10 ? poisoned : new FillRecorded("a", Fill($"F-{i}", "O-1", "XYZ", OrderSide.Buy, 1m, 1m))).AsTask())
            .ToList();
        var outcomes = await Task.WhenAll(appends.Select(async t => { try { await t; return null; } catch (Exception e) { return e; } }));

        Assert.IsType<LedgerUnavailableException>(outcomes[10]);
        Assert.All(outcomes.Where((_, i) => i != 10), Assert.Null);
        Assert.Equal(19L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_fills"));
    }

    [Fact]
    public async Task Every_entry_kind_reads_back_as_written()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "roundtrip");
        await using var ledger = db.Ledger();
        var reader = new PostgresLedgerReader(db.DataSource);
        // Every optional field set, and a time in another offset: the ledger stores the instant.
        var order = new Order("O-9", "client-9", "a", "ES", OrderSide.Sell, OrderType.StopLimit, TimeInForce.Day, OrderClass.Bracket,
            3m, 1m, 5001.25m, 5000.5m, 5001m, 0.25m, 1.5m, 5010m, true, OrderStatus.PartiallyFilled, OrderErrorCode.InsufficientBuyingPower,
            "O-8", ["O-10", "O-11"], "O-7", "O-12", T0, T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(3), T0.AddSeconds(4),
            T0.AddSeconds(5), T0.AddSeconds(6), new DateTimeOffset(2025, 3, 3, 23, 0, 0, TimeSpan.FromHours(2)));
        var ruleEvent = new RuleEvent(T0.AddMinutes(1), "daily-loss", RuleEventKind.SoftBreach, -1_000.5m, -1_000m, 49_000m, 48_999.5m,
            ObservationCause.Tick, "ES", 77, null, "equity fell below the day's floor", Bid: 4_999.75m, Ask: 5_000.25m);
        var transitions = new[]
        {
            new AssessmentTransition("as-1", 1, 1, 0, "Active", "Failed", "rule:daily-loss", "engine", null, T0.AddMinutes(2)),
            new AssessmentTransition("as-1", 2, 1, 0, "Created", "Active", "reset", "evaluator:ann", "trader asked", T0.AddMinutes(3),
                ruleEvent with { Time = T0.AddTicks(3) }, PhaseStatus.Failed, "reset", "as-1-a2-p1", "Challenge", 9),
        };
        // The plan as bought: its decimals keep their scale through JSON.
        var plan = new ChallengePlan("p-1", "Plan One", 100_000.00m, 99.5m,
            [new PhaseRules("Challenge", "America/New_York", new TimeOnly(17, 0), BreachComparison.AtOrBelow, 8_000m, true, null,
                new OverallLossRule(DrawdownMode.Static, 10_000m, LockMode.None, 0m), 4, null, 10, null, 30, 5, OrderLimits.None)],
            new PhaseRules("Funded", "UTC", new TimeOnly(0, 0), BreachComparison.AtOrBelow, null, false, null, null, 0, null, 0, null, null, null,
                OrderLimits.None));
        var purchase = new AssessmentOpened("as-1", "trader-1", plan, 99.5m, "sim_ch_9", "buy-1", T0.AddTicks(1));
        LedgerEntry[] entries =
        [
            new AccountOpened("a", 50_000m, T0),
            new OrderRecorded(order, 3),
            new FillRecorded("a", Fill("F-1", "O-9", "ES", OrderSide.Sell, 1m, 5001.25m, 2.25m, -12.5m, 1, 76)),
            new PositionSettled("a", "PRED", -10m, 0m, 4m, T0.AddSeconds(9), 80),
            new RuleEventRecorded("a", 1, ruleEvent),
            new EquitySampled("a", new EquitySample(T0.AddSeconds(30), 49_985.25m, 49_990m)),
            transitions[1],
            transitions[0],
            purchase,
        ];
        await ledger.AppendAsync(entries);

        var history = await reader.ReadAccountAsync("a");

        Assert.Equal(entries[0], history.Opened);
        var read = Assert.Single(history.Orders);
        Assert.Equal(3, read.Version);
        Assert.Equal(order with { LegIds = [] }, read.Order with { LegIds = [] });
        Assert.Equal(order.LegIds, read.Order.LegIds);
        Assert.Equal([entries[2]], history.Fills);
        Assert.Equal([entries[3]], history.Settlements);
        Assert.Equal([entries[4]], history.RuleEvents);
        Assert.Equal([entries[5]], history.EquitySamples);
        var assessment = await reader.ReadAssessmentAsync("as-1");
        Assert.Equal(transitions, assessment.Transitions);
        var opened = assessment.Opened!;
        // Times to the microsecond, the plan as JSON (its phases are a list).
        Assert.Equal(purchase with { Plan = opened.Plan, Time = T0 }, opened);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(plan), System.Text.Json.JsonSerializer.Serialize(opened.Plan));
        Assert.Null((await reader.ReadAssessmentAsync("as-none")).Opened);
    }

    [Fact]
    public async Task The_schema_script_can_run_again_on_a_ledger_that_has_rows()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "rerun");
        await using (var ledger = db.Ledger()) await ledger.AppendAsync(LedgerSamples());

        await db.ApplySchemaAsync();

        Assert.Equal(6L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_fills"));
    }

    [Fact]
    public async Task Appends_queued_before_shutdown_are_committed_by_dispose_and_later_ones_refused()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "shutdown");
        var ledger = db.Ledger();
        var queued = Enumerable.Range(0, 50)
            .Select(i => ledger.AppendAsync(new FillRecorded("a", Fill($"F-{i}", "O-1", "XYZ", OrderSide.Buy, 1m, 1m))).AsTask())
            .ToList();

        await ledger.DisposeAsync();

        await Task.WhenAll(queued);
        Assert.Equal(50L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_fills"));
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => ledger.AppendAsync(new AccountOpened("a", 1m, T0)).AsTask());
    }

    private static IReadOnlyList<LedgerEntry> LedgerSamples() => TestSupport.Ledger.LedgerSamples.ScriptedAccount();
}
