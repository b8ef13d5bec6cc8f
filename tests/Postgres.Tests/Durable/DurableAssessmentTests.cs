using Crucible.Grains.Interfaces.Challenges;
using Crucible.Persistence.Migrations;
using Crucible.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crucible.Postgres.Tests.Durable;

/// <summary>An assessment and the directory entry are grain state on "crucible": in durable mode they outlive the silo.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableAssessmentTests(PostgresServerFixture server)
{
    [Fact]
    public async Task An_assessment_its_history_and_its_directory_entry_survive_a_full_restart()
    {
        var connectionString = await server.CreateDatabaseAsync("assessment_restart_" + Guid.NewGuid().ToString("N"));
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var id = AssessmentIds.ForPurchase("durable-1");
        Assessment before;
        await using (var first = await DurableSilo.StartAsync(connectionString))
        {
            var grain = first.Grains.GetGrain<IAssessmentGrain>(id);
            Assert.Null((await grain.PurchaseAsync(new PurchaseRequest("classic-2step-100k", "trader-d", "tok_visa", "durable-1"))).Error);
            before = (await grain.EvaluatorPassAsync(new EvaluatorDecision("evaluator", "reviewed"))).Assessment!;
        }

        await using var second = await DurableSilo.StartAsync(connectionString);

        var after = (await second.Grains.GetGrain<IAssessmentGrain>(id).GetAsync())!;
        Assert.Equal((AssessmentStatus.Active, 1, $"{id}-a1-p2", before.PaymentReference), (after.Status, after.PhaseIndex, after.CurrentAccountId, after.PaymentReference));
        Assert.Equal(before.Transitions, after.Transitions);
        Assert.Equal([TransitionCause.Purchased, TransitionCause.PhaseStarted, TransitionCause.EvaluatorPassed], after.Transitions.Select(t => t.Cause));
        var listed = Assert.Single(await second.Grains.GetGrain<IAssessmentDirectoryGrain>(0).ListAsync(new AssessmentQuery(TraderId: "trader-d")));
        Assert.Equal((id, 1), (listed.Id, listed.PhaseIndex));
        // The plan kept in the state drives the next decision: a reset starts attempt 2 at phase 1.
        var reset = (await second.Grains.GetGrain<IAssessmentGrain>(id).EvaluatorResetAsync(new EvaluatorDecision("evaluator", "after restart"))).Assessment!;
        Assert.Equal((2, 0, $"{id}-a2-p1"), (reset.Attempt, reset.PhaseIndex, reset.CurrentAccountId));

        // Every transition is in the ledger too, numbered within its attempt, with who decided and why.
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand(
            "SELECT attempt, sequence, from_status, to_status, cause, actor, coalesce(reason, '') FROM ledger_assessment_transitions " +
            "WHERE assessment_id = $1 ORDER BY attempt, sequence");
        command.Parameters.AddWithValue(id);
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add($"{reader.GetInt32(0)}.{reader.GetInt64(1)} {reader.GetString(2)}→{reader.GetString(3)} {reader.GetString(4)} by {reader.GetString(5)} {reader.GetString(6)}".TrimEnd());
        Assert.Equal(reset.Transitions.Count, rows.Count);
        Assert.Equal("1.1 none→pending Purchased by trader-d", rows[0]);
        Assert.Contains(rows, r => r.StartsWith("1.", StringComparison.Ordinal) && r.Contains("EvaluatorPassed", StringComparison.Ordinal) && r.EndsWith("by evaluator reviewed", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("2.1 ", StringComparison.Ordinal) && r.EndsWith("after restart", StringComparison.Ordinal));
    }
}
