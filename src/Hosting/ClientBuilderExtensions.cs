using Crucible.Grains.Interfaces.Markets;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;

namespace Crucible.Hosting;

public static class ClientBuilderExtensions
{
    /// <summary>
    /// A durable-mode Orleans client (the API host when it does not co-host a silo): it finds the gateways
    /// in the PostgreSQL membership table and reads the same memory streams as the silos, with the same
    /// queue count so both sides map a stream to the same queue.
    /// </summary>
    public static IClientBuilder AddCrucibleClient(this IClientBuilder client, IConfiguration configuration)
    {
        var options = configuration.GetSection(CrucibleOptions.Section).Get<CrucibleOptions>() ?? new CrucibleOptions();
        client.UseCrucibleAdoNetClustering(configuration);
        client.AddMemoryStreams(MarketStreams.Provider, streams => streams.ConfigurePartitioning(options.Streams.Queues));
        return client;
    }
}
