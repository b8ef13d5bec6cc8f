using System.Globalization;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Ledger;
using Crucible.Hosting;
using Crucible.TestSupport.Challenges;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// A silo that keeps a ledger (in memory) so that a position book deactivated by a test comes back rebuilt from it, with an
/// engine clock the tests set. Its catalog holds <see cref="Copies"/> copies of the challenge generator's instruments
/// ("ES-3", "BTC-3", fed by nobody but the tests), so that every session runs on feeds of its own whose ticks go forward
/// in time, and the feeds' recent history is the session's.
/// </summary>
public sealed class RebuildClusterFixture : IAsyncLifetime
{
    public const int Copies = 64;

    public SettableClock Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public InMemoryLedger Ledger { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The symbol of copy <paramref name="copy"/> of a generator instrument.</summary>
    public static string Symbol(string symbol, int copy) => string.Create(CultureInfo.InvariantCulture, $"{symbol}-{copy}");

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crucible:CatalogPath"] = WriteCatalog(),
            ["Crucible:FeedKeeperPeriod"] = "00:10:00",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(EngineClock.Key, Clock);
            silo.Services.AddSingleton<ILedger>(Ledger);
            silo.Services.AddSingleton<ILedgerReader>(Ledger);
            silo.AddCrucible(configuration);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(MarketStreams.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static string WriteCatalog() =>
        ChallengeClusterFixture.WriteCatalog("rebuild", Enumerable.Range(0, Copies).Select(copy => Symbol("", copy)));
}

[CollectionDefinition(Name)]
public sealed class RebuildClusterCollection : ICollectionFixture<RebuildClusterFixture>
{
    public const string Name = "rebuild cluster";
}
