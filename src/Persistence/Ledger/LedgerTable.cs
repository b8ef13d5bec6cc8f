using Crucible.Grains.Ledger;
using Npgsql;

namespace Crucible.Persistence.Ledger;

/// <summary>
/// How one kind of entry reaches its table: binary COPY into a session-local staging table (emptied at every
/// commit), then <c>INSERT ... SELECT ... ON CONFLICT DO NOTHING</c>, so an entry whose natural key is already
/// stored with the same content (a retried batch) is skipped instead of duplicated or failing the batch; then
/// <see cref="ConflictSql"/> finds the staged entries whose key is stored with different content.
/// </summary>
internal interface ILedgerTable
{
    string Target { get; }

    string CreateStagingSql { get; }

    IEnumerable<string> InsertSql { get; }

    /// <summary>
    /// Run after <see cref="InsertSql"/>: the staged rows (ordinal, table, key) whose key the table holds with other
    /// content, including a later staged row whose key an earlier one of the batch just inserted.
    /// </summary>
    string ConflictSql { get; }

    bool Accepts(LedgerEntry entry);

    Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<(int Ordinal, LedgerEntry Entry)> rows, CancellationToken cancellationToken);
}

internal sealed class LedgerTable<T>(
    string target, string[] keys, Func<LedgerColumns<T>, IReadOnlyList<LedgerColumn<T>>> define, params string[] extraInserts)
    : ILedgerTable
    where T : LedgerEntry
{
    private readonly string staging = "stage_" + target;
    private readonly IReadOnlyList<LedgerColumn<T>> columns = define(new LedgerColumns<T>());

    public string Target => target;

    public string CreateStagingSql =>
        $"CREATE TEMP TABLE IF NOT EXISTS {staging} (ordinal integer NOT NULL, "
        + string.Join(", ", columns.Select(c => $"{c.Name} {c.SqlType}"))
        + ") ON COMMIT DELETE ROWS";

    public IEnumerable<string> InsertSql
    {
        get
        {
            var names = string.Join(", ", columns.Select(c => c.Name));
            // Staging order is append order, so ledger_seq (an identity) follows it.
            yield return $"INSERT INTO {target} ({names}) SELECT {names} FROM {staging} ORDER BY ordinal ON CONFLICT DO NOTHING";
            foreach (var insert in extraInserts) yield return insert.Replace("{staging}", staging, StringComparison.Ordinal);
        }
    }

    public string ConflictSql
    {
        get
        {
            var join = string.Join(" AND ", keys.Select(k => $"t.{k} = s.{k}"));
            var content = columns.Select(c => c.Name).Except(keys).ToList();
            var key = string.Join(", ", keys.Select(k => $"'{k} = ' || quote_nullable(s.{k})"));
            // Only the staged columns: ledger_seq and recorded_at are the database's own. IS DISTINCT FROM treats two
            // nulls as equal, and compares numerics by value (1.0 = 1.00), jsonb as JSON.
            // LATERAL keeps the staged rows outside: each is one primary-key lookup, never a scan of the ledger table (the
            // staging tables are never analyzed, and a planner free to choose hash-joins them with the whole table).
            return $"SELECT s.ordinal, '{target}', concat_ws(', ', {key}) FROM {staging} s "
                + $"CROSS JOIN LATERAL (SELECT {string.Join(", ", content)} FROM {target} t WHERE {join} LIMIT 1) t "
                + $"WHERE ({string.Join(", ", content.Select(c => "t." + c))}) IS DISTINCT FROM ({string.Join(", ", content.Select(c => "s." + c))}) "
                + "ORDER BY s.ordinal";
        }
    }

    public bool Accepts(LedgerEntry entry) => entry is T;

    public async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<(int Ordinal, LedgerEntry Entry)> rows, CancellationToken cancellationToken)
    {
        var copy = $"COPY {staging} (ordinal, {string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var (ordinal, entry) in rows)
        {
            var row = (T)entry;
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(ordinal, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
            foreach (var column in columns) await column.Write(importer, row, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
