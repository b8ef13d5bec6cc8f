using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Ledger;
using Crucible.Persistence.Ledger;
using Crucible.TestSupport;

namespace Crucible.Postgres.Tests;

/// <summary>Phase snapshots (issue 13) in PostgreSQL: the latest one reads back exactly as written; an unreadable one is reported, not thrown.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerPhaseSnapshotTests(PostgresServerFixture server)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 6, 21, 30, 0, TimeSpan.FromHours(-5));
    private static readonly JsonSerializerOptions Exact = new() { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task The_latest_phase_snapshot_reads_back_with_every_scale_and_offset_as_written()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "phasesnapshot");
        await using var ledger = db.Ledger();
        var reader = new PostgresLedgerReader(db.DataSource);
        var rules = new PhaseRules("Phase 1", "America/New_York", new TimeOnly(17, 0), BreachComparison.AtOrBelow, 5_000m, false,
            new DailyLossRule(DailyLossAnchor.Max, LimitBasis.Amount, 2_500.00m, BreachSeverity.Soft),
            new OverallLossRule(DrawdownMode.TrailingIntraday, 3_000m, LockMode.Initial, 0m), 3, null, 0, null, 30, null, OrderLimits.None);
        var phase = new PhaseEvaluation(new AccountEvaluation("as-1", 0, rules, T0), 50_000m);
        phase.OnTick("ES", 41, T0.AddMinutes(1), 50_000m, 50_612.50m, true, 5_012.25m, 5_012.50m);
        var first = phase.Snapshot();
        phase.OnTick("ES", 42, T0.AddHours(1), 50_000m, 47_400.10m, true, 4_960.00m, 4_960.25m);
        var latest = phase.Snapshot();
        var quotes = new[] { new Quote("ES", 4_960.00m, 4_960.25m, 4_960.00m, 1m, T0.AddHours(1), 42, BidSize: 3m) };

        await ledger.AppendAsync([
            new AccountOpened("a", 50_000m, T0, null, new AccountEvaluation("as-1", 0, rules, T0)),
            new PhaseSnapshotRecorded("a", 1, first, []),
        ]);
        await ledger.AppendAsync([new PhaseSnapshotRecorded("a", 2, latest, quotes)]);
        // A retry of the same snapshot is stored once.
        await ledger.AppendAsync([new PhaseSnapshotRecorded("a", 2, latest, quotes)]);

        var history = await reader.ReadAccountAsync("a");

        var read = Assert.IsType<PhaseSnapshotRecorded>(history.PhaseSnapshot);
        Assert.Equal(2, read.Sequence);
        Assert.Null(history.PhaseSnapshotProblem);
        // Compared as JSON that keeps decimals' scale and times' offsets (50_612.50 prints in messages as written).
        Assert.Equal(JsonSerializer.Serialize(latest, Exact), JsonSerializer.Serialize(read.Snapshot, Exact));
        Assert.Equal(JsonSerializer.Serialize(quotes, Exact), JsonSerializer.Serialize(read.Quotes, Exact));
        Assert.True(latest.Engine.TradingBlocked);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM ledger_phase_snapshots"));
    }

    [Fact]
    public async Task An_unreadable_snapshot_is_reported_and_the_rest_of_the_history_still_reads()
    {
        await using var db = await LedgerDatabase.CreateAsync(server, "badsnapshot");
        await using var ledger = db.Ledger();
        await ledger.AppendAsync([new AccountOpened("a", 50_000m, T0)]);
        await db.ScalarAsync<int>(
            "INSERT INTO ledger_phase_snapshots (account_id, sequence, observed_at, snapshot, quotes) VALUES ('a', 1, now(), '{\"engine\": 7}', '[]') RETURNING 1");

        var history = await new PostgresLedgerReader(db.DataSource).ReadAccountAsync("a");

        Assert.NotNull(history.Opened);
        Assert.Null(history.PhaseSnapshot);
        Assert.Contains("phase snapshot 1 could not be read", history.PhaseSnapshotProblem);
    }
}
