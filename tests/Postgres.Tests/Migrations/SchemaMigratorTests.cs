using Crucible.Persistence.Migrations;
using Crucible.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crucible.Postgres.Tests.Migrations;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigratorTests(PostgresServerFixture server)
{
    // Every query the three Orleans ADO.NET providers load at start-up (they refuse to start if one is missing).
    private static readonly string[] OrleansQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task Migration_runs_twice_and_the_second_run_changes_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await NewDatabaseAsync("migrate_twice"));
        var scripts = MigrationScript.LoadDirectory(MigrationScript.DefaultDirectory);
        var names = scripts.Select(s => s.Name).ToArray();

        var first = await Migrator(dataSource).MigrateAsync(scripts);
        var queriesAfterFirst = await QueryTextsAsync(dataSource);
        var second = await Migrator(dataSource).MigrateAsync(scripts);

        Assert.Equal(names, first.Applied);
        Assert.Empty(first.Unchanged);
        Assert.Empty(second.Applied);
        Assert.Equal(names, second.Unchanged);
        Assert.Equal(queriesAfterFirst, await QueryTextsAsync(dataSource));
        Assert.Equal(names.Length, await ScalarAsync<long>(dataSource, $"SELECT count(*) FROM {SchemaMigrator.HistoryTable}"));
    }

    [Fact]
    public void The_shipped_scripts_start_with_the_Orleans_main_clustering_persistence_and_reminders_scripts()
    {
        var names = MigrationScript.LoadDirectory(MigrationScript.DefaultDirectory).Select(s => s.Name).ToArray();

        Assert.Equal(
            ["00-orleans-main.sql", "10-orleans-clustering.sql", "20-orleans-persistence.sql", "30-orleans-reminders.sql"],
            names.Take(4));
    }

    [Fact]
    public async Task Migration_creates_every_query_the_Orleans_providers_read_including_the_defunct_silo_clean_up()
    {
        await using var dataSource = NpgsqlDataSource.Create(await NewDatabaseAsync("migrate_queries"));

        await Migrator(dataSource).MigrateAsync();

        var queries = await QueryTextsAsync(dataSource);
        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), queries.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("DELETE FROM OrleansMembershipTable", queries["CleanupDefunctSiloEntriesKey"]);
        Assert.Contains("IAmAliveTime < @IAmAliveTime", queries["CleanupDefunctSiloEntriesKey"]);
    }

    [Fact]
    public async Task Migration_uses_timestamptz_for_every_Orleans_time_column()
    {
        await using var dataSource = NpgsqlDataSource.Create(await NewDatabaseAsync("migrate_types"));

        await Migrator(dataSource).MigrateAsync();

        var types = await ScalarAsync<string[]>(dataSource, """
            SELECT array_agg(DISTINCT data_type) FROM information_schema.columns
            WHERE table_name IN ('orleansmembershipversiontable', 'orleansmembershiptable', 'orleansstorage', 'orleansreminderstable')
              AND column_name IN ('timestamp', 'starttime', 'iamalivetime', 'modifiedon')
            """);
        Assert.Equal(["timestamp with time zone"], types);
    }

    [Fact]
    public async Task A_changed_script_runs_again_and_its_new_checksum_is_recorded()
    {
        await using var dataSource = NpgsqlDataSource.Create(await NewDatabaseAsync("migrate_changed"));
        var v1 = MigrationScript.FromText("50-test.sql", "CREATE TABLE IF NOT EXISTS t (id int); INSERT INTO t VALUES (1);");
        var v2 = MigrationScript.FromText("50-test.sql", "CREATE TABLE IF NOT EXISTS t (id int); INSERT INTO t VALUES (2);");

        await Migrator(dataSource).MigrateAsync([v1]);
        var result = await Migrator(dataSource).MigrateAsync([v2]);

        Assert.Equal(["50-test.sql"], result.Applied);
        Assert.Equal(new[] { 1, 2 }, await ScalarAsync<int[]>(dataSource, "SELECT array_agg(id ORDER BY id) FROM t"));
        Assert.Equal(v2.Checksum, await ScalarAsync<string>(dataSource, $"SELECT checksum FROM {SchemaMigrator.HistoryTable}"));
    }

    [Fact]
    public async Task A_failing_script_is_rolled_back_and_not_recorded_and_later_scripts_do_not_run()
    {
        await using var dataSource = NpgsqlDataSource.Create(await NewDatabaseAsync("migrate_failing"));
        MigrationScript[] scripts =
        [
            MigrationScript.FromText("01-good.sql", "CREATE TABLE good (id int);"),
            MigrationScript.FromText("02-bad.sql", "CREATE TABLE half (id int); SELECT * FROM no_such_table;"),
            MigrationScript.FromText("03-after.sql", "CREATE TABLE after_bad (id int);"),
        ];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator(dataSource).MigrateAsync(scripts));

        Assert.Contains("02-bad.sql", error.Message);
        Assert.Equal(new[] { "01-good.sql" }, await ScalarAsync<string[]>(dataSource, $"SELECT array_agg(file_name) FROM {SchemaMigrator.HistoryTable}"));
        Assert.Equal(new[] { "good" }, await ScalarAsync<string[]>(dataSource,
            "SELECT array_agg(tablename::text) FROM pg_tables WHERE tablename IN ('good', 'half', 'after_bad')"));
    }

    [Fact]
    public async Task Concurrent_migrators_apply_each_script_exactly_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await NewDatabaseAsync("migrate_concurrent"));
        var scripts = MigrationScript.LoadDirectory(MigrationScript.DefaultDirectory);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Migrator(dataSource).MigrateAsync(scripts))));

        Assert.Equal(scripts.Select(s => s.Name), results.SelectMany(r => r.Applied).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal(scripts.Count, r.Applied.Count + r.Unchanged.Count));
    }

    private async Task<string> NewDatabaseAsync(string prefix) =>
        await server.CreateDatabaseAsync(prefix + "_" + Guid.NewGuid().ToString("N"));

    private static SchemaMigrator Migrator(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<SchemaMigrator>.Instance);

    private static async Task<Dictionary<string, string>> QueryTextsAsync(NpgsqlDataSource dataSource)
    {
        var queries = new Dictionary<string, string>();
        await using var command = dataSource.CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            queries.Add(reader.GetString(0), reader.GetString(1));
        }

        return queries;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
