using Crucible.TestSupport;
using Npgsql;

namespace Crucible.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerFixtureTests(PostgresServerFixture server)
{
    [Fact]
    public async Task Rows_written_can_be_read_back()
    {
        var connectionString = await server.CreateDatabaseAsync("smoke_" + Guid.NewGuid().ToString("N"));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        await using (var create = dataSource.CreateCommand(
            "CREATE TABLE fills (id int PRIMARY KEY, symbol text NOT NULL, price numeric(18,4) NOT NULL, at timestamptz NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var at = new DateTime(2025, 1, 2, 14, 30, 0, DateTimeKind.Utc);
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO fills VALUES (1, 'AAPL', 187.25, $1), (2, 'MSFT', 402.1, $1 + interval '1 second')"))
        {
            insert.Parameters.AddWithValue(at);
            Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        }

        var rows = new List<(int Id, string Symbol, decimal Price, DateTime At)>();
        await using (var select = dataSource.CreateCommand("SELECT id, symbol, price, at FROM fills ORDER BY id"))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDateTime(3)));
            }
        }

        Assert.Equal(
            [(1, "AAPL", 187.25m, at), (2, "MSFT", 402.1m, at.AddSeconds(1))],
            rows);
    }

    [Fact]
    public async Task Server_runs_in_utc()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW timezone", connection);

        Assert.Equal("UTC", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Created_databases_are_isolated()
    {
        var suffix = Guid.NewGuid().ToString("N");
        var first = await server.CreateDatabaseAsync("iso_a_" + suffix);
        var second = await server.CreateDatabaseAsync("iso_b_" + suffix);

        await ExecuteAsync(first, "CREATE TABLE positions (symbol text PRIMARY KEY)");
        await ExecuteAsync(first, "INSERT INTO positions VALUES ('AAPL')");

        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM positions"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'positions'"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(second, "SELECT count(*) FROM positions"));
        Assert.Equal(PostgresErrorCodes.UndefinedTable, error.SqlState);
    }

    [Fact]
    public async Task Creating_the_same_database_twice_fails_loudly()
    {
        var name = "dup_" + Guid.NewGuid().ToString("N");
        await server.CreateDatabaseAsync(name);

        var error = await Assert.ThrowsAsync<PostgresException>(() => server.CreateDatabaseAsync(name));
        Assert.Equal(PostgresErrorCodes.DuplicateDatabase, error.SqlState);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
