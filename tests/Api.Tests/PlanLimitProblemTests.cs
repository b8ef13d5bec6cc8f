using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Tests;

/// <summary>An assessment account's plan refusals over REST: ProblemDetails with the code and the field, and nothing changed.</summary>
[Collection(ApiCollection.Name)]
public sealed class PlanLimitProblemTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;
    private readonly TradingTestClient client = new(factory);

    [Fact]
    public async Task An_order_above_the_plans_contract_limit_is_a_422_naming_quantity_and_an_order_after_the_phase_ended_a_409()
    {
        var accountId = "a-" + Guid.NewGuid().ToString("N")[..12];
        var rules = new PhaseRules("Test phase", "UTC", new TimeOnly(0, 0), BreachComparison.AtOrBelow, 8_000m, false, null, null,
            0, null, 0, null, null, null, new OrderLimits(MaxContracts: 2m));
        var book = factory.Services.GetRequiredService<IClusterClient>().GetGrain<IPositionBookGrain>(accountId);
        await book.OpenAsync(new OpenAccountRequest(100_000m, null, new AccountEvaluation("assessment-api", 0, rules, DateTimeOffset.UtcNow)));
        await OwnAsync(accountId);
        await client.QuoteAsync(5000.00m, 5000.25m);
        var before = await client.StateAsync(accountId);

        var tooMany = await client.Http.PostAsJsonAsync($"/api/v1/accounts/{accountId}/orders",
            new { symbol = Symbol, side = "buy", type = "market", quantity = 3, timeInForce = "gtc" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Equal("application/problem+json", tooMany.Content.Headers.ContentType!.MediaType);
        var problem = (await tooMany.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("contract_limit_exceeded", "quantity"), (problem["code"]!.GetValue<string>(), problem["field"]!.GetValue<string>()));
        Assert.Contains("quantity", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, await client.StateAsync(accountId));

        await book.EndEvaluationAsync(PhaseStatus.Failed, "evaluator", "test");
        var ended = await client.Http.PostAsJsonAsync($"/api/v1/accounts/{accountId}/orders",
            new { symbol = Symbol, side = "buy", type = "market", quantity = 1, timeInForce = "gtc" });
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal("phase_ended", (await ended.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_opening_order_after_the_plans_flat_by_time_is_a_409_must_be_flat()
    {
        // The phase began ten minutes ago; its flat-by time passed five minutes ago; the day resets in two hours.
        var now = DateTimeOffset.UtcNow;
        var flatBy = TimeOnly.FromDateTime(now.AddMinutes(-5).UtcDateTime);
        var rules = new PhaseRules("Test phase", "UTC", TimeOnly.FromDateTime(now.AddHours(2).UtcDateTime), BreachComparison.AtOrBelow,
            8_000m, false, null, null, 0, null, 0, null, null, null, OrderLimits.None, FlatByTime: new TimeOnly(flatBy.Hour, flatBy.Minute));
        var accountId = "a-" + Guid.NewGuid().ToString("N")[..12];
        var book = factory.Services.GetRequiredService<IClusterClient>().GetGrain<IPositionBookGrain>(accountId);
        await book.OpenAsync(new OpenAccountRequest(100_000m, null, new AccountEvaluation("assessment-api", 0, rules, now.AddMinutes(-10))));
        await OwnAsync(accountId);
        await client.QuoteAsync(5000.00m, 5000.25m);

        var refused = await client.Http.PostAsJsonAsync($"/api/v1/accounts/{accountId}/orders",
            new { symbol = Symbol, side = "buy", type = "market", quantity = 1, timeInForce = "gtc" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("must_be_flat", (await refused.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
        Assert.Empty(await book.GetOrdersAsync(OrderStatusFilter.All));
    }

    /// <summary>Opened through the grain API, so nobody owns it yet: gives it to the client's trader, who trades it over REST.</summary>
    private Task OwnAsync(string accountId) =>
        factory.Services.GetRequiredService<IClusterClient>().GetGrain<IAccountOwnerGrain>(accountId).ClaimAsync(client.User.UserId);
}
