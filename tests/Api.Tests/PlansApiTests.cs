using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class PlansApiTests(CrucibleApiFactory factory)
{
    private readonly HttpClient http = new() { BaseAddress = factory.ServerAddress };

    [Fact]
    public async Task The_four_preset_plans_are_listed_with_their_rules_in_amounts()
    {
        var plans = (await http.GetFromJsonAsync<JsonArray>("/api/v1/plans"))!;

        Assert.Equal(
            ["classic-2step-100k", "futures-combine-50k", "high-stakes-100k", "intraday-trailing-1step-50k"],
            plans.Select(p => (string)p!["id"]!).Order());
        var classic = plans.Single(p => (string)p!["id"]! == "classic-2step-100k")!;
        Assert.Equal(100_000m, (decimal)classic["accountSize"]!);
        var phases = classic["phases"]!.AsArray();
        Assert.Equal([10_000m, 5_000m], phases.Select(p => (decimal)p!["profitTarget"]!));
        Assert.All(phases, p =>
        {
            Assert.Equal("Europe/Prague", (string)p!["timeZone"]!);
            Assert.Equal("static", (string)p["overallLoss"]!["mode"]!);
            Assert.Equal(4, (int)p["minTradingDays"]!);
        });
    }

    [Fact]
    public async Task One_plan_by_id_and_an_unknown_plan_is_a_404_problem()
    {
        var plan = await http.GetFromJsonAsync<JsonNode>("/api/v1/plans/FUTURES-COMBINE-50K");
        Assert.Equal("futures-combine-50k", (string)plan!["id"]!);
        Assert.Equal("trailing_end_of_day", (string)plan["phases"]![0]!["overallLoss"]!["mode"]!);

        var missing = await http.GetAsync("/api/v1/plans/no-such-plan");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-such-plan", (string)(await missing.Content.ReadFromJsonAsync<JsonNode>())!["planId"]!);
    }
}
