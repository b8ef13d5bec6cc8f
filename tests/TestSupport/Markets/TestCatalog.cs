using System.Text.Json.Nodes;

namespace Crucible.TestSupport.Markets;

/// <summary>
/// The shipped instrument catalog plus one external-feed future, written beside it so the replay paths still resolve:
/// tests that need exact prices drive that instrument themselves.
/// </summary>
public static class TestCatalog
{
    public const string ExternalSymbol = "TEST-EXT";

    /// <summary>An equity with New York hours (09:30–16:00, weekdays) whose ticks come only from the tests.</summary>
    public const string ExternalEquitySymbol = "TEST-EQ";

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

    /// <summary>The catalog of <see cref="WithExternalFuture"/> plus <see cref="ExternalEquitySymbol"/>, for tests of sessions.</summary>
    public static string WithExternalFutureAndEquity(string fileName)
    {
        var path = WithExternalFuture(fileName);
        var catalog = JsonNode.Parse(File.ReadAllText(path))!;
        catalog["instruments"]!.AsArray().Add(JsonNode.Parse($$"""
            { "symbol": "{{ExternalEquitySymbol}}", "name": "Test equity fed by the tests", "kind": "equity", "quoteCurrency": "USD",
              "tickSize": 0.01, "lotSize": 1, "multiplier": 1, "feed": { "source": "external" },
              "hours": { "timeZone": "America/New_York", "open": "09:30", "close": "16:00",
                         "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] } }
            """));
        File.WriteAllText(path, catalog.ToJsonString());
        return path;
    }
}
