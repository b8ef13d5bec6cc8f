using Crucible.Grains;
using Crucible.Grains.Challenges.Assessments;
using Crucible.Grains.Challenges.News;
using Crucible.Grains.Challenges.Payments;
using Crucible.Grains.Challenges.Plans;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Markets.Dispatch;
using Crucible.Grains.Markets.Simulation;
using Crucible.Grains.Trading.Bands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Crucible.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Everything a Crucible silo hosts, whatever its clustering: the catalog, the market feeds and their
    /// streams. Grain state, stream subscriptions and reminders go to PostgreSQL in durable mode
    /// (<see cref="DurableMode"/>), to memory otherwise; so does the ledger (<see cref="LedgerHosting"/>).
    /// </summary>
    public static ISiloBuilder AddCrucible(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(CrucibleOptions.Section).Get<CrucibleOptions>() ?? new CrucibleOptions();
        silo.Services.Configure<CrucibleOptions>(configuration.GetSection(CrucibleOptions.Section));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddKeyedSingleton<TimeProvider>(EngineClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        silo.Services.AddSingleton(_ => InstrumentCatalogLoader.Load(FromAppFolder(options.CatalogPath)));
        silo.Services.AddSingleton(_ => PlanCatalogLoader.Load(FromAppFolder(options.PlansPath)));
        silo.Services.AddSingleton(_ => NewsCalendarLoader.Load(FromAppFolder(options.NewsPath)));
        silo.Services.AddSingleton<ITickSourceFactory, CatalogTickSourceFactory>();
        silo.Services.TryAddSingleton<IPaymentProvider, SimulatedPaymentProvider>();
        silo.Services.AddSingleton(new EvaluatorRoster(options.Evaluators));
        silo.Services.AddSingleton<FeedKeeper>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<FeedKeeper>());
        silo.Services.AddSingleton(configuration.GetSection(PriceBandOptions.Section).Get<PriceBandOptions>() ?? new PriceBandOptions());
        silo.Services.AddSingleton<MarketDispatcher>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<MarketDispatcher>());

        if (DurableMode.ConnectionString(configuration) is { } connectionString)
        {
            silo.AddCrucibleAdoNetStorage(connectionString);
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.PubSub);
            silo.AddMemoryGrainStorage(StorageNames.Default);
        }

        silo.AddCrucibleLedger(configuration);

        var shutdown = configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>() ?? new ShutdownOptions();
        silo.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown.Timeout);
        silo.Configure<GrainCollectionOptions>(o => o.DeactivationTimeout = shutdown.DeactivationTimeout);
        silo.AddMemoryStreams(MarketStreams.Provider, streams =>
        {
            streams.ConfigurePartitioning(options.Streams.Queues);
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = options.Streams.PollPeriod));
            streams.ConfigureCacheEviction(eviction => eviction.Configure(o =>
            {
                o.DataMinTimeInCache = options.Streams.CacheMinTime;
                o.DataMaxAgeInCache = options.Streams.CacheMaxAge;
            }));
        });
        return silo;
    }

    private static string FromAppFolder(string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    /// <summary>Membership on PostgreSQL in durable mode, else one silo on loopback with its own membership.</summary>
    public static ISiloBuilder UseCrucibleClustering(this ISiloBuilder silo, IConfiguration configuration) =>
        DurableMode.IsEnabled(configuration)
            ? silo.UseCrucibleAdoNetClustering(configuration)
            : silo.UseCrucibleLocalhostClustering(configuration);

    /// <summary>One silo on loopback with its own membership: the embedded run and the stand-alone Silo host.</summary>
    public static ISiloBuilder UseCrucibleLocalhostClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(OrleansEndpointOptions.Section).Get<OrleansEndpointOptions>() ?? new OrleansEndpointOptions();
        return silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, null, endpoints.ServiceId, endpoints.ClusterId);
    }
}
