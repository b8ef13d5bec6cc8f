using System.Text.Json.Nodes;
using Crucible.Grains;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Dispatch;
using Crucible.Hosting;
using Crucible.TestSupport.Trading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Crucible.Grains.Tests.Trading;

/// <summary>
/// A silo whose catalog holds the generated scenarios' instruments (fed by nobody but the tests) and whose
/// engine clock is a fake the tests move, so a scenario runs through the grain exactly as through the oracle.
/// </summary>
public sealed class TradingClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var catalogPath = WriteScenarioCatalog();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Crucible:CatalogPath"] = catalogPath,
            ["Crucible:NewsPath"] = WriteNewsCalendar(),
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

    /// <summary>An instrument only the market dispatcher tests tick.</summary>
    public const string DispatchSymbol = "T-DISP";

    /// <summary>The silo's market dispatcher (the fixture runs one silo).</summary>
    public MarketDispatcher Dispatcher => Cluster.Silos[0].ServiceProvider.GetRequiredService<MarketDispatcher>();

    /// <summary>Moves the engine clock forward to <paramref name="now"/> (never back).</summary>
    public void MoveClockTo(DateTimeOffset now)
    {
        if (now > Clock.GetUtcNow())
            Clock.SetUtcNow(now);
    }

    /// <summary>A news event every day of 2026–2027 at 15:30Z, for the phase tests of news blackouts (accounts open at 15:00Z).</summary>
    public static readonly TimeSpan DailyNewsAt = new(15, 30, 0);

    private static string WriteNewsCalendar()
    {
        var events = new JsonArray();
        for (var day = new DateTime(2026, 1, 1); day.Year < 2028; day = day.AddDays(1))
            events.Add(new JsonObject { ["time"] = day.Add(DailyNewsAt).ToString("yyyy-MM-ddTHH:mm:ssZ"), ["name"] = "Daily test release", ["currency"] = "USD" });
        var path = Path.Combine(Path.GetTempPath(), $"crucible-news-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, new JsonObject { ["events"] = events }.ToJsonString());
        return path;
    }

    private static string WriteScenarioCatalog()
    {
        var specs = TradingScenarioInstruments.Standard.Select(i => i.Spec).Append(TradingScenarioInstruments.EuroFuture)
            .Append(new InstrumentSpec("T-CONC", "concurrency test", InstrumentKind.Crypto, "USD", 0.01m, 1m, 1m, null))
            .Append(new InstrumentSpec(DispatchSymbol, "market dispatcher test", InstrumentKind.Crypto, "USD", 0.01m, 1m, 1m, null));
        var instruments = new JsonArray();
        foreach (var spec in specs)
        {
            var entry = new JsonObject
            {
                ["symbol"] = spec.Symbol,
                ["name"] = spec.Name,
                ["kind"] = spec.Kind.ToString().ToLowerInvariant(),
                ["quoteCurrency"] = spec.QuoteCurrency,
                ["tickSize"] = spec.TickSize,
                ["lotSize"] = spec.LotSize,
                ["multiplier"] = spec.Multiplier,
                ["feed"] = new JsonObject { ["source"] = "external" },
            };
            if (spec.Hours is { } hours)
                entry["hours"] = new JsonObject
                {
                    ["timeZone"] = hours.TimeZone,
                    ["open"] = hours.Open.ToString("HH:mm"),
                    ["close"] = hours.Close.ToString("HH:mm"),
                    ["days"] = new JsonArray([.. hours.Days.Select(d => JsonValue.Create(d.ToString()))]),
                };
            instruments.Add(entry);
        }
        var path = Path.Combine(Path.GetTempPath(), $"crucible-scenario-catalog-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, new JsonObject { ["instruments"] = instruments }.ToJsonString());
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class TradingClusterCollection : ICollectionFixture<TradingClusterFixture>
{
    public const string Name = "trading cluster";
}
