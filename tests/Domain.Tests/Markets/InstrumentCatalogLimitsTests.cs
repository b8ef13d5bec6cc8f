using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;

namespace Crucible.Domain.Tests.Markets;

/// <summary>An instrument's order bounds come from its catalog entry, or from its kind's defaults (docs/trading.md "Bounds").</summary>
public sealed class InstrumentCatalogLimitsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("crucible-catalog-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private InstrumentCatalog Load(string instruments)
    {
        var path = Path.Combine(directory, "instruments.json");
        File.WriteAllText(path, $$"""{ "instruments": [ {{instruments}} ] }""");
        return InstrumentCatalogLoader.Load(path);
    }

    [Fact]
    public void Limits_given_in_the_catalog_apply_and_the_rest_take_the_kinds_defaults()
    {
        var catalog = Load("""
            { "symbol": "ES", "kind": "future", "tickSize": 0.25, "multiplier": 50, "limits": { "maxQuantity": 500 }, "feed": { "initialPrice": 5000 } },
            { "symbol": "BTC-USD", "kind": "crypto", "tickSize": 0.01, "lotSize": 0.0001, "feed": { "initialPrice": 65000 } }
            """);

        Assert.Equal(new InstrumentLimits(500m, 1_000_000_000m, 10m), catalog.Find("es")!.Spec.OrderLimits);
        Assert.Equal(InstrumentLimits.DefaultFor(InstrumentKind.Crypto), catalog.Find("BTC-USD")!.Spec.OrderLimits);
    }

    [Fact]
    public void Bad_limits_are_listed_with_their_fields()
    {
        var e = Assert.ThrowsAny<Exception>(() => Load("""
            { "symbol": "ES", "kind": "future", "tickSize": 0.25, "limits": { "maxQuantity": 0, "maxNotional": -1, "priceBand": 1 } }
            """));

        Assert.Contains("limits.maxQuantity", e.Message);
        Assert.Contains("limits.maxNotional", e.Message);
        Assert.Contains("limits.priceBand", e.Message);
    }

    [Fact]
    public void The_shipped_catalog_bounds_every_instrument()
    {
        var catalog = InstrumentCatalogLoader.Load(Path.Combine(RepositoryFiles.Root, "src", "Grains", "config", "instruments.json"));

        Assert.All(catalog.All, i => Assert.True(i.Spec.OrderLimits.MaxNotional <= 1_000_000_000m && i.Spec.OrderLimits.MaxQuantity > 0m, i.Symbol));
    }
}
