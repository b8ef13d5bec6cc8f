using Crucible.Persistence.Migrations;
using Crucible.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crucible.Postgres.Tests.Durable;

[Collection(PostgresCollection.Name)]
public sealed class DurableSiloTests(PostgresServerFixture server)
{
    private const int ActiveStatus = 3; // Orleans SiloStatus.Active

    [Fact]
    public async Task A_durable_silo_joins_the_PostgreSQL_membership_table_as_active()
    {
        var connectionString = await MigratedDatabaseAsync("silo_joins");

        await using var silo = await DurableSilo.StartAsync(connectionString);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT DeploymentId, Address, Port, Status FROM OrleansMembershipTable");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("crucible", "127.0.0.1", silo.SiloPort, ActiveStatus), (reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Grain_state_survives_a_full_restart_of_the_silo()
    {
        var connectionString = await MigratedDatabaseAsync("state_restart");
        await using (var first = await DurableSilo.StartAsync(connectionString))
        {
            var grain = first.Grains.GetGrain<IDurableNoteGrain>("trader-7");
            await grain.WriteAsync("bought 3 ES");
            await grain.WriteAsync("sold 1 ES");
        }

        // Between the two silos the state exists only in PostgreSQL.
        Assert.Equal(1L, await StoredStatesAsync(connectionString, "trader-7"));
        await using var second = await DurableSilo.StartAsync(connectionString);

        var lines = await second.Grains.GetGrain<IDurableNoteGrain>("trader-7").ReadAsync();
        Assert.Equal(["bought 3 ES", "sold 1 ES"], lines);
        Assert.Empty(await second.Grains.GetGrain<IDurableNoteGrain>("someone-else").ReadAsync());
    }

    [Fact]
    public async Task A_stopped_silo_leaves_the_cluster_and_its_successor_is_the_only_active_one()
    {
        var connectionString = await MigratedDatabaseAsync("silo_succession");
        var first = await DurableSilo.StartAsync(connectionString);
        var firstPort = first.SiloPort;
        await first.DisposeAsync();

        await using var second = await DurableSilo.StartAsync(connectionString);

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT Port FROM OrleansMembershipTable WHERE Status = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ActiveStatus });
        var active = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                active.Add(reader.GetInt32(0));
            }
        }

        Assert.Equal([second.SiloPort], active);
        Assert.NotEqual(firstPort, second.SiloPort);
    }

    [Fact]
    public async Task The_defunct_silo_clean_up_query_removes_a_stopped_silo_and_keeps_the_running_one()
    {
        var connectionString = await MigratedDatabaseAsync("defunct_cleanup");
        var first = await DurableSilo.StartAsync(connectionString);
        var firstPort = first.SiloPort;
        await first.DisposeAsync();
        await using var second = await DurableSilo.StartAsync(connectionString);
        Assert.Equal(new[] { firstPort, second.SiloPort }.Order(), (await MembershipPortsAsync(connectionString)).Order());

        // The provider runs CleanupDefunctSiloEntriesKey; everything that stopped heart-beating before now goes.
        await second.Services.GetRequiredService<IMembershipTable>().CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal([second.SiloPort], await MembershipPortsAsync(connectionString));
    }

    [Fact]
    public async Task A_reminder_registered_before_a_restart_is_still_registered_after_it()
    {
        var connectionString = await MigratedDatabaseAsync("reminder_restart");
        await using (var first = await DurableSilo.StartAsync(connectionString))
        {
            await first.Grains.GetGrain<IDurableNoteGrain>("trader-9").RemindAsync("daily-reset");
        }

        await using var second = await DurableSilo.StartAsync(connectionString);

        var grain = second.Grains.GetGrain<IDurableNoteGrain>("trader-9");
        Assert.True(await grain.HasReminderAsync("daily-reset"));
        Assert.False(await grain.HasReminderAsync("never-registered"));
    }

    private static async Task<List<int>> MembershipPortsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT Port FROM OrleansMembershipTable");
        await using var reader = await command.ExecuteReaderAsync();
        var ports = new List<int>();
        while (await reader.ReadAsync())
        {
            ports.Add(reader.GetInt32(0));
        }

        return ports;
    }

    private static async Task<long> StoredStatesAsync(string connectionString, string grainKey)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM OrleansStorage WHERE grainidextensionstring LIKE '%' || $1 AND payloadbinary IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = grainKey });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> MigratedDatabaseAsync(string prefix)
    {
        var connectionString = await server.CreateDatabaseAsync(prefix + "_" + Guid.NewGuid().ToString("N"));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return connectionString;
    }
}
