using Crucible.Persistence.Ledger;
using Crucible.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crucible.Postgres.Tests;

/// <summary>A fresh database with the ledger schema applied straight from deploy/sql/40-ledger.sql, and a ledger on it.</summary>
internal sealed class LedgerDatabase : IAsyncDisposable
{
    private LedgerDatabase(NpgsqlDataSource dataSource) => DataSource = dataSource;

    // The Persistence project copies deploy/sql/*.sql next to every assembly that references it.
    public static string SchemaFile => Path.Combine(AppContext.BaseDirectory, "sql", "40-ledger.sql");

    public NpgsqlDataSource DataSource { get; }

    public static async Task<LedgerDatabase> CreateAsync(PostgresServerFixture server, string purpose)
    {
        var connectionString = await server.CreateDatabaseAsync($"ledger_{purpose}_{Guid.NewGuid():N}"[..40]);
        var database = new LedgerDatabase(NpgsqlDataSource.Create(connectionString));
        await database.ApplySchemaAsync();
        return database;
    }

    public async Task ApplySchemaAsync()
    {
        await using var command = DataSource.CreateCommand(await File.ReadAllTextAsync(SchemaFile));
        await command.ExecuteNonQueryAsync();
    }

    public PostgresLedger Ledger(PostgresLedgerOptions? options = null) =>
        new(DataSource, options ?? new PostgresLedgerOptions(), NullLogger<PostgresLedger>.Instance);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<string>> StringsAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
