using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>
/// Alpaca's own Node SDK (@alpacahq/alpaca-trade-api from npm, unmodified: tests/AlpacaClient/e2e.js) against the real
/// host on Kestrel: it reads the account, places a bracket, hears its fill on trade_updates, lists and closes the
/// position, and meets a challenge rule as a typed Alpaca error. The test then checks the same facts over /api/v1.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaClientEndToEndTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    [Fact]
    public async Task Alpacas_node_sdk_trades_a_bracket_hears_its_fill_closes_and_meets_a_challenge_refusal()
    {
        Assert.True(NodeTool.Find("node") is not null, "Node.js is needed: no 'node' on the PATH (.ci/run installs it; apt-get install nodejs npm).");
        var bot = await AlpacaTestClient.CreateAsync(factory);
        var candidate = new TradingTestClient(factory);
        var assessment = await new AssessmentTestClient(factory, candidate.User).BuyAsync("futures-combine-50k");
        var (assessmentKey, assessmentSecret) = await AlpacaTestClient.NewKeyAsync(candidate);
        var bound = await candidate.Http.PutAsJsonAsync($"/api/v1/auth/keys/{assessmentKey}/account", new { assessmentId = (string)assessment["id"]! });
        Assert.True(bound.IsSuccessStatusCode, await bound.Content.ReadAsStringAsync());
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var (exitCode, stdout, stderr) = await RunNodeAsync(new Dictionary<string, string>
        {
            ["CRUCIBLE_URL"] = factory.ServerAddress.ToString(),
            ["CRUCIBLE_SYMBOL"] = Symbol,
            ["CRUCIBLE_ASK"] = "5000.25",
            ["CRUCIBLE_REFUSED_QTY"] = "6",
            ["APCA_KEY_ID"] = bot.KeyId,
            ["APCA_SECRET"] = bot.Secret,
            ["APCA_ASSESSMENT_KEY_ID"] = assessmentKey,
            ["APCA_ASSESSMENT_SECRET"] = assessmentSecret,
        });

        Assert.True(exitCode == 0, $"node e2e.js exited {exitCode}\nstdout: {stdout}\nstderr: {stderr}");
        var summary = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        Assert.Equal(bot.AccountId, (string)summary["account"]!["id"]!);
        Assert.Equal(2, summary["bracket"]!["legs"]!.AsArray().Count);
        Assert.Equal("5000.25", (string)summary["fill"]!["price"]!);
        Assert.Equal("filled", (string)summary["fill"]!["orderStatus"]!);
        Assert.Equal("5000", (string)summary["closingFill"]!["price"]!);
        Assert.Equal(200, (int)Assert.Single(summary["closed"]!.AsArray())!["status"]!);
        Assert.Equal("ValidationError", (string)summary["refusal"]!["name"]!);
        Assert.Equal(422, (int)summary["refusal"]!["status"]!);
        Assert.Equal(40010001, (int)summary["refusal"]!["code"]!);
        Assert.Contains("contract_limit_exceeded", (string)summary["refusal"]!["message"]!);

        // The same story over /api/v1: bought 1 at the ask, sold 1 at the bid, flat; the assessment account untouched.
        var fills = (await bot.Trader.GetAsync($"/api/v1/accounts/{bot.AccountId}/fills")).AsArray();
        Assert.Equal([("buy", 1m, 5000.25m), ("sell", 1m, 5000.00m)], fills.Select(f => ((string)f!["side"]!, (decimal)f["quantity"]!, (decimal)f["price"]!)));
        Assert.DoesNotContain((await bot.Trader.GetAsync($"/api/v1/accounts/{bot.AccountId}/positions")).AsArray(), p => (decimal)p!["quantity"]! != 0);
        Assert.Empty((await candidate.GetAsync($"/api/v1/accounts/{assessment["currentAccountId"]}/fills")).AsArray());
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(Dictionary<string, string> environment)
    {
        var directory = NodeTool.ClientDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@alpacahq", "alpaca-trade-api")))
        {
            // CI runs `npm ci` in .ci/run; a developer who has not gets it done here, from the committed lock file.
            var npm = NodeTool.Find("npm") ?? throw new InvalidOperationException("tests/AlpacaClient has no node_modules and npm is not installed: run `npm ci` there.");
            var (code, output, errors) = await RunAsync(npm, "ci --no-audit --no-fund", directory, [], TimeSpan.FromMinutes(5));
            Assert.True(code == 0, $"npm ci failed ({code}): {output} {errors}");
        }
        return await RunAsync(NodeTool.Find("node")!, "e2e.js", directory, environment, TimeSpan.FromMinutes(2));
    }

    private static async Task<(int, string, string)> RunAsync(string file, string arguments, string directory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {arguments} ran past {timeout}: {await stdout} {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
