using System.Net;
using System.Net.Sockets;
using Crucible.Grains;
using Crucible.Persistence.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Crucible.Hosting;

/// <summary>
/// Durable mode: one connection string, <c>ConnectionStrings:Postgres</c>, moves membership, grain state
/// and reminders to PostgreSQL through the Orleans ADO.NET providers, so several silos and API hosts form
/// one cluster and grains come back with their state after a restart. Without it every host stays in
/// embedded mode (loopback clustering, memory storage). Memory streams stay in both modes: they work across
/// silos but are not durable (a tick in flight when a silo dies is lost; feeds resume on the next tick).
/// </summary>
public static class DurableMode
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>The ADO.NET invariant the Orleans providers load Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    public static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString ? connectionString : null;

    public static bool IsEnabled(IConfiguration configuration) => ConnectionString(configuration) is not null;

    /// <summary>Membership on PostgreSQL, the cluster identity and ports of the <c>Orleans</c> section.</summary>
    public static ISiloBuilder UseCrucibleAdoNetClustering(this ISiloBuilder silo, IConfiguration configuration, bool configureEndpoints = true)
    {
        var connectionString = RequireConnectionString(configuration);
        var endpoints = EndpointsOf(configuration);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });
        if (configureEndpoints)
        {
            silo.ConfigureEndpoints(AdvertisedAddress(endpoints), endpoints.SiloPort, endpoints.GatewayPort, endpoints.ListenOnAnyHostAddress);
        }
        else
        {
            // Something else (Kubernetes hosting) picks the address; the ports stay ours.
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = endpoints.SiloPort;
                o.GatewayPort = endpoints.GatewayPort;
            });
        }

        return silo;
    }

    /// <summary>An Orleans client that finds the gateways in the PostgreSQL membership table.</summary>
    public static IClientBuilder UseCrucibleAdoNetClustering(this IClientBuilder client, IConfiguration configuration)
    {
        var connectionString = RequireConnectionString(configuration);
        var endpoints = EndpointsOf(configuration);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = endpoints.ClusterId;
            o.ServiceId = endpoints.ServiceId;
        });
        return client;
    }

    /// <summary>Grain state (<see cref="StorageNames"/>) and reminders on PostgreSQL.</summary>
    internal static ISiloBuilder AddCrucibleAdoNetStorage(this ISiloBuilder silo, string connectionString)
    {
        silo.AddAdoNetGrainStorage(StorageNames.Default, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.PubSub, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>Applies deploy/sql (see <see cref="SchemaMigrator"/>) to the durable-mode database.</summary>
    public static async Task<MigrationResult> MigrateAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(RequireConnectionString(configuration));
        return await new SchemaMigrator(dataSource, loggers.CreateLogger<SchemaMigrator>()).MigrateAsync(cancellationToken);
    }

    /// <summary>Migrates when durable mode is on and <c>Crucible:Durable:MigrateOnStart</c> says so.</summary>
    public static async Task MigrateOnStartIfConfiguredAsync(IConfiguration configuration, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        var options = configuration.GetSection(DurableOptions.Section).Get<DurableOptions>() ?? new DurableOptions();
        if (IsEnabled(configuration) && options.MigrateOnStart)
        {
            await MigrateAsync(configuration, loggers, cancellationToken);
        }
    }

    internal static OrleansEndpointOptions EndpointsOf(IConfiguration configuration) =>
        configuration.GetSection(OrleansEndpointOptions.Section).Get<OrleansEndpointOptions>() ?? new OrleansEndpointOptions();

    private static string RequireConnectionString(IConfiguration configuration) =>
        ConnectionString(configuration)
        ?? throw new InvalidOperationException($"Durable mode needs the connection string ConnectionStrings:{ConnectionStringName}.");

    private static IPAddress AdvertisedAddress(OrleansEndpointOptions endpoints)
    {
        if (endpoints.AdvertisedIP is { Length: > 0 } configured)
        {
            return IPAddress.TryParse(configured, out var address)
                ? address
                : throw new InvalidOperationException($"Orleans:AdvertisedIP '{configured}' is not an IP address.");
        }

        // Other silos must reach this address: in a container it is the container's own address.
        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
