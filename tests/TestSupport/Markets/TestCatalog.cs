using System.Text.Json.Nodes;

namespace Crucible.TestSupport.Markets;

/// <summary>
/// The shipped instrument catalog plus one external-feed future, written beside it so the replay paths still resolve:
/// tests that need exact prices drive that instrument themselves.
/// </summary>
public static class TestCatalog
{
    public const string ExternalSymbol = "TEST-EXT";

    /// <summary>Writes the catalog as <paramref name="fileName"/> in the test binaries' config folder; returns its path.</summary>
    public static string WithExternalFuture(string fileName)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "config");
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "instruments.json")))!;
        catalog["instruments"]!.AsArray().Add(JsonNode.Parse($$"""
            { "symbol": "{{ExternalSymbol}}", "name": "Test future fed by the tests", "kind": "future",
              "tickSize": 0.25, "lotSize": 1, "multiplier": 50, "feed": { "source": "external" } }
            """));
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, catalog.ToJsonString());
        return path;
    }
}
