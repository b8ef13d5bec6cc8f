using Crucible.Grains.Interfaces.Markets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Crucible.Hosting;

public static class ClientBuilderExtensions
{
    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A durable-mode Orleans client (the API host when it does not co-host a silo): it finds the gateways
    /// in the PostgreSQL membership table and reads the same memory streams as the silos, with the same
    /// queue count so both sides map a stream to the same queue. It keeps trying to connect until a silo is
    /// up, so API hosts may start before the silos (compose, Kubernetes); /ready says when it is connected.
    /// </summary>
    public static IClientBuilder AddCrucibleClient(this IClientBuilder client, IConfiguration configuration)
    {
        var options = configuration.GetSection(CrucibleOptions.Section).Get<CrucibleOptions>() ?? new CrucibleOptions();
        client.UseCrucibleAdoNetClustering(configuration);
        client.AddMemoryStreams(MarketStreams.Provider, streams => streams.ConfigurePartitioning(options.Streams.Queues));
        client.Services.AddSingleton<IClientConnectionRetryFilter, RetryUntilStopped>();
        return client;
    }

    private sealed class RetryUntilStopped(ILogger<RetryUntilStopped> logger) : IClientConnectionRetryFilter
    {
        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            logger.LogWarning("No silo of the cluster answered yet ({Reason}); trying again in {Delay}", exception.Message, ConnectRetryDelay);
            await Task.Delay(ConnectRetryDelay, cancellationToken);
            return true;
        }
    }
}
