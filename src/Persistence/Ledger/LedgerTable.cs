using Crucible.Grains.Ledger;
using Npgsql;

namespace Crucible.Persistence.Ledger;

/// <summary>
/// How one kind of entry reaches its table: binary COPY into a session-local staging table (emptied at every
/// commit), then <c>INSERT ... SELECT ... ON CONFLICT DO NOTHING</c>, so an entry whose natural key is already
/// stored (a retried batch) is skipped instead of duplicated or failing the batch.
/// </summary>
internal interface ILedgerTable
{
    string Target { get; }

    string CreateStagingSql { get; }

    IEnumerable<string> InsertSql { get; }

    bool Accepts(LedgerEntry entry);

    Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<(int Ordinal, LedgerEntry Entry)> rows, CancellationToken cancellationToken);
}

internal sealed class LedgerTable<T>(
    string target, Func<LedgerColumns<T>, IReadOnlyList<LedgerColumn<T>>> define, params string[] extraInserts) : ILedgerTable
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
