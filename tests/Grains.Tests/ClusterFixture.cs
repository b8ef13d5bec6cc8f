using Crucible.Grains.Interfaces.Markets;
using Crucible.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Crucible.Grains.Tests;

/// <summary>One in-process silo with the real Crucible composition and a test catalog, shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public Crucible.Grains.Markets.Dispatch.MarketDispatcher Dispatcher =>
        Cluster.Silos[0].ServiceProvider.GetRequiredService<Crucible.Grains.Markets.Dispatch.MarketDispatcher>();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crucible:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog", "test-instruments.json"),
            ["Crucible:FeedKeeperPeriod"] = "00:10:00",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddCrucible(configuration));
        builder.ConfigureClient(client => client.AddMemoryStreams(MarketStreams.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
