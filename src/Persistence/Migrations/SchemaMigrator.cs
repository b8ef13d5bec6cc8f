using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crucible.Persistence.Migrations;

/// <summary>
/// Applies the schema scripts in file-name order, each in its own transaction, and records every applied
/// file with its checksum in <c>crucible_schema_migrations</c>. A script already recorded with the same
/// checksum is skipped, so a second run changes nothing; a script whose text changed runs again, which is
/// why every script must be idempotent (IF NOT EXISTS, CREATE OR REPLACE, upserts).
/// </summary>
/// <remarks>
/// A session advisory lock serialises concurrent migrators (several silos started with MigrateOnStart):
/// the second waits, then finds everything applied.
/// </remarks>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>The advisory lock key: "Crucible" in ASCII, so other tools can recognise it in pg_locks.</summary>
    public const long AdvisoryLockKey = 0x4372756369626C65;

    public const string HistoryTable = "crucible_schema_migrations";

    public Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(MigrationScript.LoadDirectory(MigrationScript.DefaultDirectory), cancellationToken);

    public async Task<MigrationResult> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, $"""
                CREATE TABLE IF NOT EXISTS {HistoryTable}
                (
                    file_name text PRIMARY KEY,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var recorded = await ReadHistoryAsync(connection, cancellationToken);
            var applied = new List<string>();
            var unchanged = new List<string>();
            foreach (var script in scripts.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                if (recorded.TryGetValue(script.Name, out var checksum) && checksum == script.Checksum)
                {
                    unchanged.Add(script.Name);
                    continue;
                }

                await ApplyAsync(connection, script, rerun: checksum is not null, cancellationToken);
                applied.Add(script.Name);
            }

            logger.LogInformation("Schema migrated: {Applied} script(s) applied, {Unchanged} already up to date", applied.Count, unchanged.Count);
            return new MigrationResult(applied, unchanged);
        }
        finally
        {
            // Unlock even after a failure: a pooled connection would otherwise keep holding the lock.
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, bool rerun, CancellationToken cancellationToken)
    {
        logger.LogInformation(rerun ? "Re-applying changed schema script {Script}" : "Applying schema script {Script}", script.Name);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
            {
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand($"""
                INSERT INTO {HistoryTable} (file_name, checksum) VALUES ($1, $2)
                ON CONFLICT (file_name) DO UPDATE SET checksum = excluded.checksum, applied_at = now()
                """, connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = script.Name });
                record.Parameters.Add(new NpgsqlParameter { Value = script.Checksum });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new InvalidOperationException($"Schema script {script.Name} failed: {e.MessageText}", e);
        }
    }

    private static async Task<Dictionary<string, string>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var history = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT file_name, checksum FROM {HistoryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            history[reader.GetString(0)] = reader.GetString(1);
        }

        return history;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
