using Crucible.Grains.Ledger;
using Npgsql;

namespace Crucible.Persistence.Ledger;

/// <summary>Writes the entries of many appends in one transaction: one COPY per kind present, one round trip of inserts, one commit.</summary>
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

        // Npgsql sends BEGIN with the first COPY; the inserts and the COMMIT share the last round trip, so a
        // batch of one kind costs two round trips, like a plain COPY in a transaction.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var inserts = connection.CreateBatch();
        inserts.Transaction = transaction;
        foreach (var group in byTable)
        {
            if (!staged.Contains(group.Key))
            {
                await using var create = new NpgsqlCommand(group.Key.CreateStagingSql, connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            await group.Key.CopyAsync(connection, group.ToList(), cancellationToken);
            foreach (var sql in group.Key.InsertSql) inserts.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        inserts.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await inserts.ExecuteNonQueryAsync(cancellationToken);
        staged.UnionWith(byTable.Select(g => g.Key));
    }
}
