using System.Globalization;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport;
using Npgsql;
using Orleans.Core.Internal;
using static Crucible.Postgres.Tests.Durable.DurableAccounts;

namespace Crucible.Postgres.Tests.Durable;

/// <summary>
/// The ledger is the record, grain storage a cache (docs/durability.md "Assessments"): assessments whose rows in the Orleans
/// storage table are deleted come back from the ledger as they were, and go on.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableAssessmentRebuildTests(PostgresServerFixture server) : IDisposable
{
    private const string Plan = "classic-2step-100k";
    private const string Trader = "trader-r";

    [Fact]
    public async Task Assessments_whose_grain_storage_rows_are_deleted_come_back_from_the_ledger_the_same_and_apply_later_outcomes()
    {
        var connectionString = await MigratedDatabaseAsync(server, "assessment_rebuild");
        string trading = AssessmentIds.ForPurchase("rb-trading"), passed = AssessmentIds.ForPurchase("rb-passed"),
            reset = AssessmentIds.ForPurchase("rb-reset"), failed = AssessmentIds.ForPurchase("rb-failed");
        string[] ids = [trading, passed, reset, failed];
        var before = new Dictionary<string, AssessmentSnapshot>();
        AccountView tradingBook;
        await using (var first = await DurableSilo.StartAsync(connectionString))
        {
            foreach (var id in ids)
                Assert.Null((await Grain(first, id).PurchaseAsync(new PurchaseRequest(Plan, Trader, "tok_visa", id[AssessmentIds.Prefix.Length..]))).Error);
            // Mid-challenge: a position and a resting order on phase 1's account.
            var btc = await QuoteAsync(first.Grains, "BTC-USD");
            var book = first.Grains.GetGrain<IPositionBookGrain>($"{trading}-a1-p1");
            await FilledAsync(book.SubmitOrderAsync(Market("BTC-USD", OrderSide.Buy, 0.1m, "rb-buy")));
            Assert.Equal(OrderStatus.Accepted, (await book.SubmitOrderAsync(Limit("BTC-USD", OrderSide.Buy, 0.1m, Math.Round(btc.Bid / 2m), "rb-rest"))).Order!.Status);
            tradingBook = await ViewAsync(book);
            Assert.Null((await Grain(first, passed).EvaluatorPassAsync(new EvaluatorDecision("evaluator", "phase 1 reviewed"))).Error);
            Assert.Null((await Grain(first, reset).EvaluatorFailAsync(new EvaluatorDecision("evaluator", "hedging across accounts"))).Error);
            Assert.Null((await Grain(first, reset).ResetAsync(Trader, "a clean start")).Error);
            Assert.Null((await Grain(first, failed).EvaluatorFailAsync(new EvaluatorDecision("evaluator", "copy trading"))).Error);
            foreach (var id in ids)
                before[id] = (await Grain(first, id).GetSnapshotAsync())!;
        }

        // The assessments' own rows (state "assessment"), and nothing else.
        Assert.Equal(ids.Length, await StorageRowsAsync(connectionString, ids, delete: true));
        Assert.Equal(0, await StorageRowsAsync(connectionString, ids, delete: false));

        await using var second = await DurableSilo.StartAsync(connectionString);
        foreach (var id in ids)
        {
            var after = (await Grain(second, id).GetSnapshotAsync())!;
            Assert.Equal(Describe(before[id].Assessment), Describe(after.Assessment));
            Assert.Equal(before[id].Sequence, after.Sequence);
        }
        // Written back to grain storage (a new activation reads it and agrees with the ledger), and listed for the trader.
        Assert.Equal(ids.Length, await StorageRowsAsync(connectionString, ids, delete: false));
        await DeactivateAsync(second, failed);
        Assert.Equal(Describe(before[failed].Assessment), Describe((await Grain(second, failed).GetAsync())!));
        Assert.Equal(ids.Order(), (await second.Grains.GetGrain<IAssessmentDirectoryGrain>(0).ListAsync(new AssessmentQuery(TraderId: Trader))).Select(s => s.Id).Order());
        var rebuilt = (await Grain(second, reset).GetAsync())!;
        Assert.Equal((AssessmentStatus.Active, 2, 0, $"{reset}-a2-p1"), (rebuilt.Status, rebuilt.Attempt, rebuilt.PhaseIndex, rebuilt.CurrentAccountId));
        var ended = (await Grain(second, failed).GetAsync())!;
        Assert.Equal((AssessmentStatus.Failed, PhaseStatus.Failed, "evaluator"), (ended.Status, ended.Phases[0].Outcome, ended.Phases[0].EndedBy));
        (await ViewAsync(second.Grains.GetGrain<IPositionBookGrain>($"{trading}-a1-p1"))).AssertSameAs(tradingBook);

        // A later outcome of phase 1 (as its book reports it) passes the trading assessment into phase 2 under the plan as bought,
        // with the event sequence going on.
        var evidence = new RuleEvent(DateTimeOffset.UtcNow, "profit_target", RuleEventKind.Passed, 110_000m, 110_000m, 110_000m, 110_000m,
            ObservationCause.Fill, "BTC-USD", null, "F-9", "target reached");
        await Grain(second, trading).OnPhaseEndedAsync(new PhaseOutcome($"{trading}-a1-p1", trading, 0, PhaseStatus.Passed, evidence.Time, "profit_target", evidence));
        var advanced = await WaitForAsync(second, trading, a => a.PhaseIndex == 1);
        Assert.Equal((AssessmentStatus.Active, $"{trading}-a1-p2", TransitionCause.PhasePassed, 110_000m),
            (advanced.Status, advanced.CurrentAccountId, advanced.Transitions[^1].Cause, advanced.Transitions[^1].Evidence!.Equity));
        Assert.Equal(before[trading].Sequence + 1, (await Grain(second, trading).GetSnapshotAsync())!.Sequence);   // phase started
        var verification = (await second.Grains.GetGrain<IPositionBookGrain>($"{trading}-a1-p2").GetEvaluationAsync())!;
        Assert.Equal((1, PhaseStatus.Active, 100_000m), (verification.PhaseIndex, verification.Status, verification.InitialBalance));
        // And the one in phase 2 passes into funded on an evaluator's decision.
        var funded = (await Grain(second, passed).EvaluatorPassAsync(new EvaluatorDecision("evaluator", "verification reviewed"))).Assessment!;
        Assert.Equal((AssessmentStatus.Funded, $"{passed}-a1-funded"), (funded.Status, funded.CurrentAccountId));
        Assert.Equal(before[passed].Sequence + 2, (await Grain(second, passed).GetSnapshotAsync())!.Sequence);   // status changed, phase started
    }

    // The silos' providers pool connections per database; idle ones of finished tests would crowd the shared server.
    public void Dispose() => NpgsqlConnection.ClearAllPools();

    private static IAssessmentGrain Grain(DurableSilo silo, string id) => silo.Grains.GetGrain<IAssessmentGrain>(id);

    private static async Task DeactivateAsync(DurableSilo silo, string id)
    {
        await Grain(silo, id).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        using var timeout = new CancellationTokenSource(Bound);
        while ((await silo.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics()).Any(s => s.GrainId == Grain(silo, id).GetGrainId()))
            await Task.Delay(50, timeout.Token);
    }

    private static async Task<Assessment> WaitForAsync(DurableSilo silo, string id, Func<Assessment, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (true)
        {
            var a = (await Grain(silo, id).GetAsync())!;
            if (condition(a)) return a;
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Counts (or deletes) the assessment grains' rows in the Orleans storage table.</summary>
    private static async Task<int> StorageRowsAsync(string connectionString, string[] ids, bool delete)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var where = "FROM OrleansStorage WHERE graintypestring LIKE '%assessment%' AND grainidextensionstring = ANY($1) AND payloadbinary IS NOT NULL";
        await using var command = dataSource.CreateCommand(delete ? "DELETE " + where : "SELECT count(*) " + where);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        return delete ? await command.ExecuteNonQueryAsync() : (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every field of the assessment, times to the microsecond (the ledger's resolution), so a failure shows which differs.</summary>
    private static string Describe(Assessment a)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{a.Id} {a.PlanId} {a.PlanName} {a.TraderId} {a.Status} attempt {a.Attempt} phase {a.PhaseIndex}/{a.PhaseCount} on {a.CurrentAccountId} created {Micro(a.CreatedAt)} updated {Micro(a.UpdatedAt)} paid {Number(a.PricePaid)} {a.PaymentReference} {a.PurchaseId}"),
        };
        lines.AddRange(a.Phases.Select(p => $"phase {p.Attempt}.{p.PhaseIndex} {p.Name} {p.AccountId} {Micro(p.StartedAt)}–{(p.EndedAt is { } e ? Micro(e) : "")} {p.Outcome} {p.EndedBy}"));
        lines.AddRange(a.Transitions.Select(t => $"{Micro(t.Time)} {t.From}→{t.To} {t.Attempt}.{t.PhaseIndex} {t.Cause} {t.Rule} {t.Actor} {t.Reason} {Evidence(t.Evidence)}"));
        return string.Join('\n', lines);
    }

    private static string Evidence(RuleEvent? e) =>
        e is null ? "" : $"{Micro(e.Time)} {e.Rule} {e.Kind} {Number(e.Measured)} {Number(e.Limit)} {Number(e.Equity)} {e.Message}";

    // By value: grain storage's JSON may write 540 as 540.0.
    private static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Micro(DateTimeOffset time) => new DateTimeOffset(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero).ToString("O");
}
