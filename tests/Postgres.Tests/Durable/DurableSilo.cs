using System.Net;
using System.Net.Sockets;
using Crucible.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crucible.Postgres.Tests.Durable;

/// <summary>
/// A silo composed exactly as the Silo host composes it (UseCrucibleClustering + AddCrucible) in durable
/// mode, in this process, on free loopback ports. Disposing it stops it gracefully, like SIGTERM would.
/// </summary>
internal sealed class DurableSilo : IAsyncDisposable
{
    private readonly IHost host;

    private DurableSilo(IHost host, int siloPort)
    {
        this.host = host;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => host.Services;

    public static async Task<DurableSilo> StartAsync(string connectionString)
    {
        var siloPort = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DurableMode.ConnectionStringName}"] = connectionString,
            ["Orleans:SiloPort"] = siloPort.ToString(),
            ["Orleans:GatewayPort"] = FreePort().ToString(),
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            // The feeds are not under test; keep their keeper from asking again during the test.
            ["Crucible:FeedKeeperPeriod"] = "01:00:00",
        });
        builder.UseOrleans(silo => silo
            .UseCrucibleClustering(builder.Configuration)
            .AddCrucible(builder.Configuration));

        var host = builder.Build();
        await host.StartAsync();
        return new DurableSilo(host, siloPort);
    }

    public async Task StopAsync()
    {
        await host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
