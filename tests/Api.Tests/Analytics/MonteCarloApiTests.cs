using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Analytics;

[Collection(ApiCollection.Name)]
public sealed class MonteCarloApiTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    /// <summary>A paper account of 100,000 with two round trips today; returns its id and today's net P&amp;L from its fills.</summary>
    private static async Task<(string AccountId, decimal DayPnl)> TradedAccountAsync(TradingTestClient trader)
    {
        var account = await trader.OpenAccountAsync();
        for (var i = 0; i < 2; i++)
        {
            await trader.QuoteAsync(5000.00m, 5000.25m);
            await trader.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 1 });
            await trader.QuoteAsync(5010.00m, 5010.25m);
            await trader.PostOrderOkAsync(account, new { symbol = Symbol, side = "sell", type = "market", quantity = 1 });
        }
        var fills = (await trader.GetAsync($"/api/v1/accounts/{account}/fills")).AsArray();
        Assert.Equal(4, fills.Count);
        return (account, fills.Sum(f => (decimal)f!["realizedPnl"]! - (decimal)f["commission"]!));
    }

    [Fact]
    public async Task MonteCarlo_on_a_paper_account_resamples_its_own_day_through_the_nearest_plan_and_repeats_with_its_seed()
    {
        var trader = new TradingTestClient(factory);
        var (account, dayPnl) = await TradedAccountAsync(trader);
        Assert.True(dayPnl > 0, $"the day made {dayPnl}");
        var url = $"/api/v1/accounts/{account}/monte-carlo?paths=300&seed=7";

        var first = await AssessmentTestClient.ReadAsync(await trader.Http.GetAsync(url), HttpStatusCode.OK);
        var again = await AssessmentTestClient.ReadAsync(await trader.Http.GetAsync(url), HttpStatusCode.OK);

        Assert.Equal(first["result"]!.ToJsonString(), again["result"]!.ToJsonString());
        Assert.Equal(("completed", "classic-2step-100k", 0, "days", 1), ((string)first["status"]!, (string)first["planId"]!,
            (int)first["phaseIndex"]!, (string)first["unit"]!, (int)first["sampleSize"]!));
        var result = first["result"]!;
        Assert.Equal((300, 7L, "block", 30), ((int)result["paths"]!, (long)result["seed"]!, (string)result["method"]!, (int)result["horizonDays"]!));
        // The only day is the account's: every path repeats it, so the 10,000 target of Classic 2-Step (4 trading days at
        // least) is reached on day ⌈10,000 ÷ day P&L⌉ when that is within 30 days.
        var days = Math.Max(4, (int)Math.Ceiling(10_000m / dayPnl));
        Assert.Equal(days <= 30 ? 1.0 : 0.0, (double)result["passProbability"]!);
        if (days <= 30) Assert.Equal(days, (double)result["expectedDaysToPass"]!);
        Assert.Equal($"/api/v1/accounts/{account}/monte-carlo?paths=300&seed=7&method=block&horizonDays=30&unit=days&phase=0", (string)first["location"]!);

        var other = await AssessmentTestClient.ReadAsync(await trader.Http.GetAsync(url + "&planId=futures-combine-50k&method=iid"), HttpStatusCode.OK);
        Assert.Equal(("futures-combine-50k", 50_000m), ((string)other["planId"]!, (decimal)other["initialBalance"]!));
        Assert.Null(other["result"]!["meanBlockLength"]);
    }

    [Fact]
    public async Task MonteCarlo_trades_unit_uses_the_accounts_closed_trades()
    {
        var trader = new TradingTestClient(factory);
        var (account, dayPnl) = await TradedAccountAsync(trader);
        var body = await AssessmentTestClient.ReadAsync(
            await trader.Http.GetAsync($"/api/v1/accounts/{account}/monte-carlo?paths=50&unit=trades&horizonDays=3"), HttpStatusCode.OK);

        // Two closed trades of the same net, two a day: each path makes 3 × the day's P&L.
        Assert.Equal(("trades", 2, 2), ((string)body["unit"]!, (int)body["sampleSize"]!, (int)body["result"]!["tradesPerDay"]!));
        Assert.Equal(3 * dayPnl, (decimal)body["result"]!["finalPnl"]!["p50"]!);
    }

    [Fact]
    public async Task MonteCarlo_on_an_assessment_runs_its_current_phase_account_through_its_phase()
    {
        var client = new AssessmentTestClient(factory);
        var assessment = await client.BuyAsync();
        var id = (string)assessment["id"]!;

        var body = await AssessmentTestClient.ReadAsync(await client.Http.GetAsync($"/api/v1/assessments/{id}/monte-carlo?paths=100"), HttpStatusCode.OK);

        Assert.Equal(((string)assessment["currentAccountId"]!, "classic-2step-100k", 0, "Challenge"),
            ((string)body["accountId"]!, (string)body["planId"]!, (int)body["phaseIndex"]!, (string)body["phaseName"]!));
        // Nothing traded: every day is flat, so no path passes, fails or expires in 30 days.
        Assert.Equal((0.0, 100), ((double)body["result"]!["passProbability"]!, (int)body["result"]!["outcomes"]!["unfinished"]!));
        await AssessmentTestClient.AssertInvalidAsync(await client.Http.GetAsync($"/api/v1/assessments/{id}/monte-carlo?phase=1"), "phase");
        await AssessmentTestClient.AssertInvalidAsync(await client.Http.GetAsync($"/api/v1/assessments/{id}/monte-carlo?planId=classic-2step-100k"), "planId");
    }

    [Fact]
    public async Task MonteCarlo_long_run_answers_202_with_progress_and_a_location_that_gives_the_result()
    {
        var trader = new TradingTestClient(factory);
        var (account, _) = await TradedAccountAsync(trader);

        var response = await trader.Http.GetAsync($"/api/v1/accounts/{account}/monte-carlo?paths=3000&seed=11&horizonDays=5&wait=0");
        var accepted = await AssessmentTestClient.ReadAsync(response, HttpStatusCode.Accepted);
        var location = response.Headers.Location!.ToString();
        Assert.Equal((string)accepted["location"]!, location);
        Assert.Contains("seed=11", location, StringComparison.Ordinal);
        Assert.Contains((string)accepted["status"]!, new[] { "queued", "running" });
        Assert.InRange((int)accepted["completedPaths"]!, 0, 3000);
        Assert.Null(accepted["result"]);

        JsonNode done;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var poll = await trader.Http.GetAsync(location);
            done = (await poll.Content.ReadFromJsonAsync<JsonNode>())!;
            if (poll.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline) break;
            Assert.Equal(HttpStatusCode.Accepted, poll.StatusCode);
        }
        Assert.Equal(("completed", 3000, 3000), ((string)done["status"]!, (int)done["completedPaths"]!, (int)done["result"]!["paths"]!));
    }

    [Fact]
    public async Task MonteCarlo_bad_parameters_are_400_naming_each_field()
    {
        var trader = new TradingTestClient(factory);
        var account = await trader.OpenAccountAsync();
        var url = $"/api/v1/accounts/{account}/monte-carlo";

        await AssessmentTestClient.AssertInvalidAsync(await trader.Http.GetAsync(url + "?paths=0&seed=-1&method=bootstrap&horizonDays=1001&meanBlockLength=0.5&bogus=1"),
            "paths", "seed", "method", "horizonDays", "meanBlockLength", "bogus");
        await AssessmentTestClient.AssertInvalidAsync(await trader.Http.GetAsync(url + "?paths=100001&unit=weeks&wait=31&phase=x"), "paths", "unit", "wait", "phase");
        await AssessmentTestClient.AssertInvalidAsync(await trader.Http.GetAsync(url + "?method=iid&meanBlockLength=5&tradesPerDay=3"), "meanBlockLength", "tradesPerDay");
        await AssessmentTestClient.AssertInvalidAsync(await trader.Http.GetAsync(url + "?paths=5&paths=6&meanBlockLength=NaN"), "paths", "meanBlockLength");
        await AssessmentTestClient.AssertInvalidAsync(await trader.Http.GetAsync(url + "?planId=no-such-plan"), "planId");
        await AssessmentTestClient.AssertInvalidAsync(await trader.Http.GetAsync(url + "?planId=classic-2step-100k&phase=5"), "phase");
        // Nothing traded yet: nothing to resample.
        var empty = await AssessmentTestClient.ReadAsync(await trader.Http.GetAsync(url), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("unit", (string)empty["field"]!);
    }

    [Fact]
    public async Task MonteCarlo_is_for_the_owner_and_evaluators_only()
    {
        var owner = new AssessmentTestClient(factory);
        var assessment = await owner.BuyAsync();
        var trader = new TradingTestClient(factory, owner.User);
        var (account, _) = await TradedAccountAsync(trader);
        var stranger = await TestUsers.NewTraderAsync(factory);
        var evaluator = await TestUsers.EvaluatorAsync(factory);
        using var anonymous = new HttpClient { BaseAddress = factory.ServerAddress };
        string[] urls = [$"/api/v1/accounts/{account}/monte-carlo?paths=20", $"/api/v1/assessments/{assessment["id"]}/monte-carlo?paths=20"];

        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(url + "&paths=0")).StatusCode); // no validation hint either
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await evaluator.Http.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task MonteCarlo_routes_are_in_the_openapi_document()
    {
        using var http = new HttpClient { BaseAddress = factory.ServerAddress };
        var paths = (await http.GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/accounts/{accountId}/monte-carlo"));
        Assert.True(paths.ContainsKey("/api/v1/assessments/{assessmentId}/monte-carlo"));
        var responses = paths["/api/v1/accounts/{accountId}/monte-carlo"]!["get"]!["responses"]!.AsObject();
        Assert.True(responses.ContainsKey("200") && responses.ContainsKey("202") && responses.ContainsKey("400"));
    }
}
