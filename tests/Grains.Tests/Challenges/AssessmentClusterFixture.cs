using Crucible.Grains.Interfaces.Markets;
using Crucible.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// A silo for assessments that really trade: the test catalog's external instruments (priced only by the tests), a
/// fake engine clock, two small plans without day minimums (so one trade can pass a phase; quick-2step's first phase has a 30-day limit), and evaluator "eva".
/// Its ledger keeps everything in memory and its grain storage can be wiped, so grains can be rebuilt from the ledger as in
/// durable mode.
/// </summary>
public sealed class AssessmentClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The silo's ledger and its reader: a test can make it fail its next appends (an outage).</summary>
    public FlakyLedger Ledger { get; } = new();

    /// <summary>The silo's grain storage (<see cref="Crucible.Grains.StorageNames.Default"/>), set once the silo runs.</summary>
    public WipeableGrainStorage Storage { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crucible:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog", "test-instruments.json"),
            ["Crucible:PlansPath"] = WritePlans(),
            ["Crucible:FeedKeeperPeriod"] = "00:10:00",
            ["Crucible:Evaluators:0"] = "eva",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(Crucible.Grains.EngineClock.Key, Clock);
            silo.Services.AddSingleton<Crucible.Grains.Ledger.ILedger>(Ledger);
            silo.Services.AddSingleton<Crucible.Grains.Ledger.ILedgerReader>(Ledger);
            silo.AddCrucible(configuration);
            // After AddCrucible: the last registration of a storage name is the one grains get.
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(Crucible.Grains.StorageNames.Default,
                (services, _) => Storage = new WipeableGrainStorage(services.GetRequiredService<Orleans.Serialization.DeepCopier>()));
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(MarketStreams.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private static string WritePlans()
    {
        const string plans = """
            {
              "plans": [
                {
                  "id": "quick-2step", "name": "Quick 2-Step", "accountSize": 100000, "price": 10,
                  "phaseDefaults": {
                    "timeZone": "UTC", "resetTime": "00:00",
                    "dailyLoss": { "anchor": "balance", "limit": { "amount": 5000 }, "severity": "hard" },
                    "overallLoss": { "mode": "static", "limit": { "amount": 10000 } }
                  },
                  "phases": [
                    { "name": "Challenge", "profitTarget": { "amount": 1000 }, "timeLimitDays": 30 },
                    { "name": "Verification", "profitTarget": { "amount": 1000 } }
                  ],
                  "funded": {}
                },
                {
                  "id": "quick-1step", "name": "Quick 1-Step", "accountSize": 100000, "price": 10,
                  "phaseDefaults": {
                    "timeZone": "UTC", "resetTime": "00:00",
                    "overallLoss": { "mode": "static", "limit": { "amount": 10000 } }
                  },
                  "phases": [ { "name": "Only", "profitTarget": { "amount": 1000 } } ]
                }
              ]
            }
            """;
        var path = Path.Combine(Path.GetTempPath(), $"crucible-assessment-plans-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, plans);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class AssessmentClusterCollection : ICollectionFixture<AssessmentClusterFixture>
{
    public const string Name = "assessment cluster";
}
