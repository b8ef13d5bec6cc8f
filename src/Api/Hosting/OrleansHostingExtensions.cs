using Crucible.Hosting;

namespace Crucible.Api.Hosting;

public static class OrleansHostingExtensions
{
    /// <summary>
    /// Embedded mode: the API host co-hosts a one-silo cluster on loopback with in-memory storage and memory
    /// streams, so one command runs the whole engine. It keeps nothing across restarts and says so.
    /// </summary>
    public static WebApplicationBuilder AddCrucibleOrleans(this WebApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo
            .UseCrucibleLocalhostClustering(builder.Configuration)
            .AddCrucible(builder.Configuration));
        builder.Services.AddHostedService<EmbeddedModeNotice>();
        return builder;
    }

    private sealed class EmbeddedModeNotice(ILogger<EmbeddedModeNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning("Crucible is running in EMBEDDED mode: one process, localhost clustering, in-memory storage, simulated markets. It is NOT durable: nothing is kept across restarts.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
