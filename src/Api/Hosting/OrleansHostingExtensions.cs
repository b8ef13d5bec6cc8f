using Crucible.Hosting;

namespace Crucible.Api.Hosting;

public static class OrleansHostingExtensions
{
    public const string CoHostSiloKey = "Crucible:Api:CoHostSilo";

    /// <summary>
    /// Embedded mode (no <c>ConnectionStrings:Postgres</c>): the API host co-hosts a one-silo cluster on loopback
    /// with in-memory storage and memory streams, so one command runs the whole engine; it keeps nothing across
    /// restarts and says so. Durable mode: the host joins the PostgreSQL-backed cluster as an Orleans client, or
    /// co-hosts a durable silo when <c>Crucible:Api:CoHostSilo</c> is true.
    /// </summary>
    public static WebApplicationBuilder AddCrucibleOrleans(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!DurableMode.IsEnabled(configuration))
        {
            builder.UseOrleans(silo => silo
                .UseCrucibleLocalhostClustering(configuration)
                .AddCrucible(configuration));
            builder.Services.AddHostedService<EmbeddedModeNotice>();
            return builder;
        }

        if (configuration.GetValue<bool>(CoHostSiloKey))
        {
            builder.UseOrleans(silo => silo
                .UseCrucibleAdoNetClustering(configuration)
                .AddCrucible(configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.AddCrucibleClient(configuration));
            var shutdown = configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>() ?? new ShutdownOptions();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown.Timeout);
        }

        builder.Services.AddHostedService<DurableModeNotice>();
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

    private sealed class DurableModeNotice(IConfiguration configuration, ILogger<DurableModeNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation(
                "Crucible API host in DURABLE mode ({Role}): clustering, grain state and reminders on PostgreSQL, cluster {ClusterId}",
                configuration.GetValue<bool>(CoHostSiloKey) ? "co-hosted silo" : "cluster client",
                configuration[$"{OrleansEndpointOptions.Section}:{nameof(OrleansEndpointOptions.ClusterId)}"] ?? new OrleansEndpointOptions().ClusterId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
