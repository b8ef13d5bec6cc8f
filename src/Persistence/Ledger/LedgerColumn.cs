using Npgsql;
using NpgsqlTypes;

namespace Crucible.Persistence.Ledger;

/// <summary>One column of a ledger table: its SQL type for the staging table, and how an entry's value is copied into it.</summary>
internal sealed record LedgerColumn<T>(string Name, string SqlType, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> Write);

/// <summary>
/// Builds typed columns: each value is written with its own CLR type, which keeps COPY on Npgsql's fast path
/// (writing boxed values makes it resolve a converter for every field).
/// </summary>
internal sealed class LedgerColumns<T>
{
    public LedgerColumn<T> Text(string name, Func<T, string?> value) => Nullable(name, "text", value, NpgsqlDbType.Text);

    public LedgerColumn<T> Numeric(string name, Func<T, decimal?> value) => Nullable(name, "numeric", value, NpgsqlDbType.Numeric);

    public LedgerColumn<T> Bigint(string name, Func<T, long?> value) => Nullable(name, "bigint", value, NpgsqlDbType.Bigint);

    public LedgerColumn<T> Integer(string name, Func<T, int> value) =>
        new(name, "integer", (importer, entry, ct) => importer.WriteAsync(value(entry), NpgsqlDbType.Integer, ct));

    public LedgerColumn<T> Boolean(string name, Func<T, bool> value) =>
        new(name, "boolean", (importer, entry, ct) => importer.WriteAsync(value(entry), NpgsqlDbType.Boolean, ct));

    /// <summary>A record stored as JSON (<see cref="LedgerJson"/>).</summary>
    public LedgerColumn<T> Json<TValue>(string name, Func<T, TValue?> value) where TValue : class =>
        Nullable(name, "jsonb", entry => LedgerJson.Write(value(entry)), NpgsqlDbType.Jsonb);

    public LedgerColumn<T> TextArray(string name, Func<T, string[]> value) =>
        new(name, "text[]", (importer, entry, ct) => importer.WriteAsync(value(entry), NpgsqlDbType.Array | NpgsqlDbType.Text, ct));

    // timestamptz takes UTC instants; the ledger keeps microseconds (PostgreSQL's resolution).
    public LedgerColumn<T> Time(string name, Func<T, DateTimeOffset?> value) =>
        Nullable(name, "timestamptz", entry => value(entry)?.UtcDateTime, NpgsqlDbType.TimestampTz);

    private static LedgerColumn<T> Nullable<TValue>(string name, string sqlType, Func<T, TValue?> value, NpgsqlDbType type)
        where TValue : struct =>
        new(name, sqlType, (importer, entry, ct) => value(entry) is { } v ? importer.WriteAsync(v, type, ct) : importer.WriteNullAsync(ct));

    private static LedgerColumn<T> Nullable(string name, string sqlType, Func<T, string?> value, NpgsqlDbType type) =>
        new(name, sqlType, (importer, entry, ct) => value(entry) is { } v ? importer.WriteAsync(v, type, ct) : importer.WriteNullAsync(ct));
}
