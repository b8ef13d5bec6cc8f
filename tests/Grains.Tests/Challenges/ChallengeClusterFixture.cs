using System.Globalization;
using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Hosting;
using Crucible.TestSupport.Challenges;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// A silo whose catalog holds the challenge generator's instruments (ES, BTC: around the clock, fed by nobody but the
/// tests) and whose engine clock the tests set, so a generated session runs through the position book grain with
/// exactly the times, quotes and orders the replay judges.
/// </summary>
public sealed class ChallengeClusterFixture : IAsyncLifetime
{
    public SettableClock Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

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
            silo.AddCrucible(configuration);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(MarketStreams.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static string WriteCatalog() => WriteCatalog("challenge", [""]);

    /// <summary>
    /// Writes a catalog of the challenge generator's instruments with external feeds, once per suffix (each copy's symbols
    /// end with it), and returns its path.
    /// </summary>
    internal static string WriteCatalog(string name, IEnumerable<string> suffixes)
    {
        var instruments = new JsonArray();
        foreach (var suffix in suffixes)
        {
            foreach (var (symbol, kind, tickSize, lotSize, multiplier) in ChallengeSessionGenerator.InstrumentSpecs)
            {
                instruments.Add(new JsonObject
                {
                    ["symbol"] = symbol + suffix,
                    ["name"] = name + " session " + symbol,
                    ["kind"] = kind.ToString().ToLowerInvariant(),
                    ["quoteCurrency"] = "USD",
                    ["tickSize"] = tickSize,
                    ["lotSize"] = lotSize,
                    ["multiplier"] = multiplier,
                    ["feed"] = new JsonObject { ["source"] = "external" },
                });
            }
        }

        var path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"crucible-{name}-catalog-{Guid.NewGuid():N}.json"));
        File.WriteAllText(path, new JsonObject { ["instruments"] = instruments }.ToJsonString());
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class ChallengeClusterCollection : ICollectionFixture<ChallengeClusterFixture>
{
    public const string Name = "challenge cluster";
}
