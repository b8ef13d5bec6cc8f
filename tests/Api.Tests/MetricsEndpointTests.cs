using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Crucible.Api.Tests;

/// <summary>
/// <c>GET /metrics</c> serves, in Prometheus text, every instrument docs/metrics.md documents (names read from the doc's
/// table, so the doc and the engine cannot drift apart), once an account and an assessment account have traded.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class MetricsEndpointTests(CrucibleApiFactory factory)
{
    private const string Symbol = "BTC-USD";

    [Fact]
    public async Task Metrics_serves_every_documented_engine_instrument_and_the_Orleans_and_AspNetCore_meters_after_a_few_orders()
    {
        var documented = DocumentedNames();
        Assert.True(documented.Count >= 10, $"the doc table lists {documented.Count} instruments: {string.Join(", ", documented)}");

        var paper = new TradingTestClient(factory);
        var account = await paper.OpenAccountAsync();
        await paper.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 0.01m });
        await paper.PostOrderOkAsync(account, new { symbol = Symbol, side = "sell", type = "market", quantity = 0.01m });
        // A refused order is counted by its code.
        var refused = await paper.Http.PostAsJsonAsync($"/api/v1/accounts/{account}/orders",
            new { symbol = Symbol, side = "buy", type = "market", quantity = 10m });   // ~650,000 against 400,000 of buying power
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var code = (string)(await refused.Content.ReadFromJsonAsync<JsonNode>())!["code"]!;

        // An assessment account holding BTC-USD checks its rules on every tick of the simulated (24/7) market.
        var trader = new AssessmentTestClient(factory);
        var assessment = await trader.BuyAsync();
        var phaseAccount = (string)assessment["currentAccountId"]!;
        var held = await trader.Http.PostAsJsonAsync($"/api/v1/accounts/{phaseAccount}/orders",
            new { symbol = Symbol, side = "buy", type = "market", quantity = 0.01m });
        Assert.True(held.IsSuccessStatusCode, await held.Content.ReadAsStringAsync());
        // A second assessment failed by the evaluator records a rule event (decided) and flattens nothing that matters here.
        var failed = (string)(await trader.BuyAsync())["id"]!;
        var evaluator = await trader.EvaluatorAsync();
        var decision = await evaluator.Http.PostAsJsonAsync($"/api/v1/assessments/{failed}/fail", new { reason = "metrics test" });
        Assert.True(decision.IsSuccessStatusCode, await decision.Content.ReadAsStringAsync());

        using var anonymous = new HttpClient { BaseAddress = factory.ServerAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HashSet<string> served;
        string text;
        do
        {
            var response = await anonymous.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            served = ServedNames(text);
            if (documented.All(served.Contains)) break;
            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        var missing = documented.Where(n => !served.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"documented but not served: {string.Join(", ", missing)}");
        Assert.Contains(served, n => n.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains("http_server_request_duration_seconds", served);
        Assert.Contains("dotnet_process_cpu_time_seconds_total", served);
        // The refusal is counted under its code, as the REST API spells it.
        Assert.Matches($@"crucible_order_commands_total\{{[^}}]*outcome=""{code}""", text);
    }

    /// <summary>The Prometheus names in the doc's table of the engine's instruments (second column).</summary>
    private static List<string> DocumentedNames()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "metrics.md"));
        var table = doc[doc.IndexOf("## The engine's instruments", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", table.IndexOf("| ---", StringComparison.Ordinal), StringComparison.Ordinal)];
        return [.. DocRow().Matches(table).Select(m => m.Groups[1].Value)];
    }

    /// <summary>Metric family names in a Prometheus text exposition; a histogram counts by its base name.</summary>
    private static HashSet<string> ServedNames(string text) =>
        [.. text.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => SeriesName().Match(l).Value)
            .SelectMany(n => new[] { n, HistogramSuffix().Replace(n, "") })];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln"))) return dir.FullName;
        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\| `[^`]+` \| `([a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocRow();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
