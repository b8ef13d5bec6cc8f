using Crucible.Grains.Ledger;
using Npgsql;

namespace Crucible.Persistence.Ledger;

/// <summary>
/// Writes the entries of many appends in one transaction: one COPY per kind present, one round trip of inserts and
/// conflict checks, one commit. Throws <see cref="LedgerConflictsException"/>, having committed nothing, when an entry
/// reuses a stored natural key with different content.
/// </summary>
internal static class LedgerBatch
{
    /// <param name="staged">
    /// The staging tables this connection has. They are created on first use only: PostgreSQL empties every
    /// <c>ON COMMIT DELETE ROWS</c> table of the session at each commit, so unused ones would cost every batch.
    /// </param>
    public static async Task WriteAsync(
        NpgsqlConnection connection, ISet<ILedgerTable> staged, IEnumerable<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var byTable = entries
            .Select((entry, ordinal) => (Ordinal: ordinal, Entry: entry))
            .GroupBy(row => LedgerTables.For(row.Entry))
            .ToList();

        // Npgsql sends BEGIN with the first COPY; the inserts and the conflict checks share the next round trip, and
        // the COMMIT goes alone once the checks came back empty: three round trips for a batch of one kind.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var statements = connection.CreateBatch();
        statements.Transaction = transaction;
        foreach (var group in byTable)
        {
            if (!staged.Contains(group.Key))
            {
                await using var create = new NpgsqlCommand(group.Key.CreateStagingSql, connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await group.Key.CopyAsync(connection, group.ToList(), cancellationToken);
            foreach (var sql in group.Key.InsertSql) statements.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        foreach (var group in byTable) statements.BatchCommands.Add(new NpgsqlBatchCommand(group.Key.ConflictSql));
        var conflicts = new List<LedgerConflict>();
        await using (var reader = await statements.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                    conflicts.Add(new LedgerConflict(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        // Rolled back when the transaction is disposed: nothing of the batch is stored, the caller retries without them.
        if (conflicts.Count > 0) throw new LedgerConflictsException(conflicts);

        await transaction.CommitAsync(cancellationToken);
        staged.UnionWith(byTable.Select(g => g.Key));
    }
}
