using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Hostile;

/// <summary>
/// Every hostile input against every write endpoint (issue #10): each is a 4xx ProblemDetails naming the field, leaves
/// the account and the assessment exactly as they were, and leaves the engine serving. An endpoint is one line in
/// <see cref="WriteEndpoint.All"/>, a kind of input one line in <see cref="HostileCase.Common"/>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;
    private readonly TradingTestClient trading = new(factory);

    /// <summary>The same trader as <see cref="trading"/>: the scene's account and assessment are theirs.</summary>
    private AssessmentTestClient Assessments => new(factory, trading.User);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in WriteEndpoint.All)
            foreach (var hostile in HostileCase.For(endpoint))
                data.Add(endpoint.Name, hostile.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task A_hostile_request_is_a_4xx_problem_naming_the_field_and_changes_nothing(string endpoint, string hostile) =>
        RunAsync(WriteEndpoint.Named(endpoint), hostile);

    private async Task RunAsync(WriteEndpoint endpoint, string name)
    {
        var hostile = HostileCase.For(endpoint).Single(c => c.Name == name);
        var scene = await SceneAsync(endpoint);
        var before = await StateAsync(scene);
        var request = hostile.Build(endpoint, scene);

        var response = await SendAsync(endpoint, scene, request);

        var (status, field) = endpoint.TakesBody ? (hostile.Status, hostile.Field(endpoint)) : (HttpStatusCode.BadRequest, "body");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        var named = (problem["errors"]?.AsObject().Select(e => e.Key) ?? []).Append((string?)problem["field"]);
        Assert.True(named.Contains(field), $"the problem should name '{field}': {text}");
        Assert.Equal(before, await StateAsync(scene));
        await AssertHealthyAsync(scene.AccountId);
    }

    /// <summary>A paper account holding one contract with a working limit order, and an assessment if the endpoint needs one.</summary>
    private async Task<Scene> SceneAsync(WriteEndpoint endpoint)
    {
        var account = await trading.OpenAccountAsync();
        await trading.QuoteAsync(5000.00m, 5000.25m);
        var working = await trading.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "limit", quantity = 1, limitPrice = 4900.00m, timeInForce = "gtc" });
        await trading.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 1 });
        var assessment = endpoint.NeedsAssessment ? (string)(await Assessments.BuyAsync())["id"]! : null;
        var evaluator = await TestUsers.EvaluatorAsync(factory);
        return new Scene(account, (string)working["id"]!, assessment, "t-" + Guid.NewGuid().ToString("N")[..12], Guid.NewGuid().ToString("N"),
            trading.User.UserId, evaluator.UserId, $"hostile-{Guid.NewGuid():N}@crucible.test");
    }

    /// <summary>Sent by the scene's trader, or by the evaluator for an evaluator's endpoint: a caller the request is allowed to.</summary>
    private async Task<HttpResponseMessage> SendAsync(WriteEndpoint endpoint, Scene scene, HostileRequest request)
    {
        var content = new ByteArrayContent(request.Body);
        content.Headers.ContentType = null;
        if (request.ContentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        var message = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path(scene)) { Content = content };
        var http = endpoint.ByEvaluator ? (await TestUsers.EvaluatorAsync(factory)).Http : trading.Http;
        return await http.SendAsync(message);
    }

    /// <summary>
    /// What a refused request must not change: the scene's account (orders, fills, positions, balances), the account
    /// and the assessment a successful request would have created, and the scene's assessment with its account.
    /// </summary>
    private async Task<string> StateAsync(Scene scene)
    {
        var state = new JsonObject
        {
            ["account"] = JsonNode.Parse(await trading.StateAsync(scene.AccountId)),
            ["newAccount"] = (int)(await trading.Http.GetAsync($"/api/v1/accounts/{scene.NewAccountId}")).StatusCode,
            ["purchase"] = (int)(await trading.Http.GetAsync($"/api/v1/assessments/asm-{scene.PurchaseId}")).StatusCode,
            ["traderAssessments"] = await trading.GetAsync($"/api/v1/assessments?traderId={scene.Trader}"),
            // The user a register would have made (a sign-in with it must still fail) and the trader's API keys and second factor.
            ["newUser"] = (int)(await trading.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = scene.NewEmail, password = TestUsers.Password })).StatusCode,
            ["keys"] = await trading.GetAsync("/api/v1/auth/keys"),
            ["me"] = await trading.GetAsync("/api/v1/auth/me"),
        };
        if (scene.AssessmentId is { } id)
        {
            var assessment = await trading.GetAsync($"/api/v1/assessments/{id}");
            state["assessment"] = assessment.DeepClone();
            state["assessmentAccount"] = JsonNode.Parse(await trading.StateAsync((string)assessment["currentAccountId"]!));
        }
        return state.ToJsonString();
    }

    /// <summary>The host still answers and the account still trades: a normal market order fills.</summary>
    private async Task AssertHealthyAsync(string accountId)
    {
        Assert.Equal(HttpStatusCode.OK, (await trading.Http.GetAsync("/health")).StatusCode);
        await trading.QuoteAsync(5000.00m, 5000.25m);
        var order = await trading.PostOrderOkAsync(accountId, new { symbol = Symbol, side = "sell", type = "market", quantity = 1 });
        Assert.Equal("filled", (string)order["status"]!);
    }
}
