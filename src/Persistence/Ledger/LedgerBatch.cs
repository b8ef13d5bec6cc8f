using Crucible.Grains.Ledger;
using Npgsql;

namespace Crucible.Persistence.Ledger;

/// <summary>Writes the entries of many appends in one transaction: one COPY per kind present, one round trip of inserts, one commit.</summary>
internal static class LedgerBatch
{
    /// <summary>Creates the session's staging tables; once per physical connection (they live as long as it).</summary>
    public static async Task PrepareAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        foreach (var table in LedgerTables.All) batch.BatchCommands.Add(new NpgsqlBatchCommand(table.CreateStagingSql));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task WriteAsync(NpgsqlConnection connection, IEnumerable<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var byTable = entries
            .Select((entry, ordinal) => (Ordinal: ordinal, Entry: entry))
            .GroupBy(row => LedgerTables.For(row.Entry))
            .ToList();

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var inserts = connection.CreateBatch();
        inserts.Transaction = transaction;
        foreach (var group in byTable)
        {
            await group.Key.CopyAsync(connection, group.ToList(), cancellationToken);
            foreach (var sql in group.Key.InsertSql) inserts.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        await inserts.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
