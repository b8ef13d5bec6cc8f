using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Crucible.Api.Challenges;
using Crucible.Api.Identity;
using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crucible.Api.Tests;

/// <summary>
/// Who may reach whose resources (issue #11), generated from the host's own route table and hub classes, so a new
/// endpoint or hub method is either classified here or fails the test by name. For every route on an account, an
/// assessment or a user: anonymous is 401, another trader 403/404 with the owner's state unchanged, an evaluator reads
/// (and decides assessments), the owner gets through.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IsolationMatrixTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    /// <summary>The anonymous surface: market data, plans, the leaderboard, sign-up, sign-in and token renewal, health, metrics and the API document.</summary>
    private static readonly HashSet<string> PublicRoutes =
    [
        "GET /api/v1/instruments", "GET /api/v1/instruments/{symbol}", "GET /api/v1/instruments/{symbol}/bars",
        "GET /api/v1/plans", "GET /api/v1/plans/{planId}", "GET /api/v1/leaderboard",
        "POST /api/v1/auth/register", "POST /api/v1/auth/login",
        // These two are authorized by the refresh token in their body, not by an access token.
        "POST /api/v1/auth/refresh", "POST /api/v1/auth/logout",
        "* /health", "* /ready", "GET /openapi/{documentName}.json",
        // Scraped by operators' Prometheus like /health is probed (Crucible:Metrics:RequireAdmin closes it; docs/metrics.md).
        "* /metrics", "GET /metrics",
        // Alpaca's trade-updates WebSocket: the key is checked in band, by its authenticate frame (docs/alpaca.md).
        "* /stream",
    ];

    /// <summary>Parameters that name a resource someone owns; every other parameter only narrows within one.</summary>
    private static readonly string[] ResourceParameters = ["accountId", "assessmentId", "userId", "keyId"];

    private static readonly string[] NarrowingParameters = ["orderId", "symbol", "planId", "documentName", "activityType", "watchlistId", "alertId"];

    /// <summary>Assessment commands by who may give them; a new one must be placed here.</summary>
    private static readonly HashSet<string> TraderCommands = ["abandon"];

    private static readonly HashSet<string> EvaluatorCommands = ["pass", "fail", "extend", "reset"];

    private static readonly string[] PublicHubs = ["/hubs/market"];

    private sealed record Route(string Method, string Pattern, RouteEndpoint Endpoint)
    {
        public IReadOnlyList<string> Parameters { get; } = Endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();

        public string Key => $"{Method} {Pattern}";

        public bool Has(string parameter) => Parameters.Contains(parameter);

        public bool RequiresAuthorization => Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any()
            && Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;

        public bool EvaluatorOnly => Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.Evaluator);

        public override string ToString() => Key;
    }

    /// <summary>A trader A with a paper account (a working order, a position, a fill) and an assessment; another trader B; the evaluator.</summary>
    private sealed record Scene(TradingTestClient A, string AccountId, string OrderId, string AssessmentId, string PhaseAccountId,
        TestUsers.SignedIn B, TestUsers.SignedIn Evaluator, string KeyId);

    private IReadOnlyList<Route> Routes() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => new Route(m, Normalize(e.RoutePattern.RawText ?? ""), e)))
            .DistinctBy(r => r.Key)];

    private static string Normalize(string pattern) => pattern.Length > 1 ? "/" + pattern.Trim('/') : pattern;

    [Fact]
    public void Every_route_is_public_by_name_or_requires_a_signed_in_caller_and_every_parameter_is_known()
    {
        var problems = new List<string>();
        foreach (var route in Routes().Where(r => !r.Pattern.StartsWith("/hubs/", StringComparison.Ordinal)))
        {
            var unknown = route.Parameters.Except(ResourceParameters).Except(NarrowingParameters).ToList();
            if (unknown.Count > 0)
                problems.Add($"{route}: parameter(s) {string.Join(", ", unknown)} are not classified in the isolation matrix");
            if (PublicRoutes.Contains(route.Key))
            {
                if (route.RequiresAuthorization) problems.Add($"{route}: listed as public but requires authorization");
            }
            else if (!route.RequiresAuthorization)
                problems.Add($"{route}: anonymous but not in the public list (require authorization, or list it as public)");
        }
        foreach (var hub in Routes().Where(r => r.Pattern.StartsWith("/hubs/", StringComparison.Ordinal)))
        {
            var isPublic = PublicHubs.Any(p => hub.Pattern.StartsWith(p, StringComparison.Ordinal));
            if (isPublic == hub.RequiresAuthorization)
                problems.Add($"{hub}: {(isPublic ? "a public hub requires authorization" : "a private hub is anonymous")}");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_on_every_route_that_is_not_public()
    {
        var scene = await SceneAsync();
        using var anonymous = new HttpClient { BaseAddress = factory.ServerAddress };
        var problems = new List<string>();
        foreach (var route in Routes().Where(r => r.RequiresAuthorization && !r.Pattern.StartsWith("/hubs/", StringComparison.Ordinal)))
        {
            var status = await SendAsync(anonymous, route, scene, scene.AccountId);
            if (status != HttpStatusCode.Unauthorized) problems.Add($"{route}: anonymous got {(int)status}");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Another_trader_gets_403_or_404_on_every_route_of_an_account_assessment_or_user_and_changes_nothing()
    {
        var scene = await SceneAsync();
        var before = await StateAsync(scene);
        var problems = new List<string>();

        var scoped = Routes().Where(r => r.Parameters.Intersect(ResourceParameters).Any()).ToList();
        // The table really is the host's: today 9 account routes and 7 assessment routes.
        Assert.True(scoped.Count(r => r.Has("accountId")) >= 9 && scoped.Count(r => r.Has("assessmentId")) >= 7, string.Join(", ", scoped));
        foreach (var route in scoped)
        {
            // The paper account and the assessment's phase account: both are A's, by two different ownership paths.
            foreach (var accountId in route.Has("accountId") ? [scene.AccountId, scene.PhaseAccountId] : new[] { scene.AccountId })
            {
                var status = await SendAsync(scene.B.Http, route, scene, accountId);
                if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                    problems.Add($"{route} on {accountId}: trader B got {(int)status}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(before, await StateAsync(scene));
    }

    [Fact]
    public async Task An_evaluator_reads_everything_trades_nothing_and_decides_assessments_and_the_owner_gets_through()
    {
        var scene = await SceneAsync();
        var routes = Routes().Where(r => r.Has("accountId") || r.Has("assessmentId")).ToList();
        var problems = new List<string>();

        // The evaluator: every read answers; a command on a trader's account is 403 and changes nothing.
        var before = await StateAsync(scene);
        foreach (var route in routes.Where(r => r.Method == "GET"))
            // The working order is the paper account's, so an order route reads that account only.
            foreach (var accountId in route.Has("accountId") && !route.Has("orderId") ? [scene.AccountId, scene.PhaseAccountId] : new[] { scene.AccountId })
                Expect(problems, "evaluator", route, await SendAsync(scene.Evaluator.Http, route, scene, accountId), s => s == HttpStatusCode.OK);
        foreach (var route in routes.Where(r => r.Method != "GET" && r.Has("accountId")))
            Expect(problems, "evaluator", route, await SendAsync(scene.Evaluator.Http, route, scene, scene.AccountId), s => s == HttpStatusCode.Forbidden);
        foreach (var route in routes.Where(r => r.Method != "GET" && r.Has("assessmentId") && TraderCommands.Contains(Command(r))))
            Expect(problems, "evaluator", route, await SendAsync(scene.Evaluator.Http, route, scene, scene.AccountId), s => s == HttpStatusCode.Forbidden);
        Assert.Equal(before, await StateAsync(scene));

        // The evaluator's decisions (pass, fail, extend where the plan has a time limit, reset) go through.
        foreach (var route in routes.Where(r => r.Method != "GET" && r.Has("assessmentId") && !TraderCommands.Contains(Command(r))))
        {
            if (!EvaluatorCommands.Contains(Command(route)))
                problems.Add($"{route}: an assessment command in neither TraderCommands nor EvaluatorCommands");
            Expect(problems, "evaluator", route, await SendAsync(scene.Evaluator.Http, route, scene, scene.AccountId), Decided);
        }

        // The owner: reads answer, commands get past access (a domain refusal is fine), an evaluator's decision is 403.
        foreach (var route in routes.OrderBy(r => r.Method == "GET" ? 0 : r.Method == "POST" ? 1 : r.Method == "PATCH" ? 2 : 3))
        {
            var status = await SendAsync(scene.A.Http, route, scene, scene.AccountId);
            if (route.Method == "GET") Expect(problems, "owner", route, status, s => s == HttpStatusCode.OK);
            else if (route.EvaluatorOnly) Expect(problems, "owner", route, status, s => s == HttpStatusCode.Forbidden);
            else Expect(problems, "owner", route, status, Decided);
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Nothing_of_one_trader_appears_in_another_traders_lists()
    {
        var scene = await SceneAsync();
        var b = scene.B.Http;

        var assessments = (await b.GetFromJsonAsync<JsonArray>("/api/v1/assessments?limit=1000"))!;
        var accounts = (await b.GetFromJsonAsync<JsonArray>("/api/v1/accounts"))!;
        var asking = await b.GetAsync($"/api/v1/assessments?traderId={scene.A.User.UserId}");
        var taken = await b.PostAsJsonAsync("/api/v1/accounts", new { accountId = scene.AccountId, initialBalance = 1000 });

        Assert.All(assessments, a => Assert.Equal(scene.B.UserId, (string)a!["traderId"]!));
        Assert.DoesNotContain(scene.AccountId, accounts.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, asking.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        // A sees their own; the evaluator sees A's by filter.
        Assert.Contains(scene.AccountId, (await scene.A.Http.GetFromJsonAsync<JsonArray>("/api/v1/accounts"))!.Select(a => (string)a!["id"]!));
        Assert.Contains(scene.AssessmentId, (await scene.A.Http.GetFromJsonAsync<JsonArray>("/api/v1/assessments"))!.Select(a => (string)a!["id"]!));
        Assert.Contains(scene.AssessmentId, (await scene.Evaluator.Http.GetFromJsonAsync<JsonArray>($"/api/v1/assessments?traderId={scene.A.User.UserId}"))!
            .Select(a => (string)a!["id"]!));
    }

    [Fact]
    public async Task The_leaderboard_shows_trader_ids_to_evaluators_and_pseudonyms_to_everyone_else()
    {
        var scene = await SceneAsync();
        using var anonymous = new HttpClient { BaseAddress = factory.ServerAddress };

        var forEvaluator = (await scene.Evaluator.Http.GetFromJsonAsync<JsonArray>("/api/v1/leaderboard?limit=100"))!;
        var forB = (await scene.B.Http.GetFromJsonAsync<JsonArray>("/api/v1/leaderboard?limit=100"))!;
        var forAnonymous = (await anonymous.GetFromJsonAsync<JsonArray>("/api/v1/leaderboard?limit=100"))!;

        Assert.NotEmpty(forEvaluator);   // A's assessment is active, so the board has at least one entry
        var ids = forEvaluator.Select(e => (string)e!["traderId"]!).ToList();
        Assert.Contains(ids, id => id.StartsWith("u-", StringComparison.Ordinal));
        Assert.All(forB.Select(e => (string)e!["traderId"]!), id => Assert.True(id == scene.B.UserId || !ids.Contains(id), id));
        Assert.All(forAnonymous.Select(e => (string)e!["traderId"]!), id => Assert.DoesNotContain(id, ids));
        Assert.All(forAnonymous.Select(e => (string)e!["traderId"]!), id => Assert.Matches("^trader-[0-9a-f]{12}$", id));
    }

    [Fact]
    public async Task Another_trader_is_refused_by_every_hub_method_on_a_resource_and_receives_none_of_its_events()
    {
        var scene = await SceneAsync();
        var hubs = typeof(Program).Assembly.GetTypes().Where(t => IsHub(t) && !t.IsAbstract).ToList();
        var problems = new List<string>();
        var received = new ConcurrentQueue<string>();
        var connections = new List<HubConnection>();
        try
        {
            foreach (var hub in hubs)
            {
                var path = hub == typeof(AccountHub) ? "/hubs/accounts" : hub == typeof(AssessmentHub) ? "/hubs/assessments" : hub == typeof(MarketHub) ? "/hubs/market" : null;
                if (path is null) { problems.Add($"{hub.Name}: a hub this matrix does not know"); continue; }
                if (PublicHubs.Contains(path)) continue;

                // Anonymous callers cannot even connect.
                await using (var anonymous = TestHubs.Connect(factory, path, null))
                    await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.StartAsync());

                var b = TestHubs.Connect(factory, path, scene.B);
                connections.Add(b);
                Listen(b, hub, received);
                await b.StartAsync();
                foreach (var method in HubMethods(hub))
                {
                    var resource = method.GetParameters().Select(p => p.Name).FirstOrDefault(n => n is "accountId" or "assessmentId");
                    var target = resource == "accountId" ? scene.AccountId : scene.AssessmentId;
                    object?[] args = resource is null ? [] : [target];
                    var outcome = await InvokeAsync(b, method.Name, args);
                    var refuses = method.Name.StartsWith("Subscribe", StringComparison.Ordinal);
                    var harmless = method.Name.StartsWith("Unsubscribe", StringComparison.Ordinal);
                    if (!refuses && !harmless)
                        problems.Add($"{hub.Name}.{method.Name}: a hub method this matrix does not classify");
                    else if (refuses && outcome is not HubException)
                        problems.Add($"{hub.Name}.{method.Name}({target}) by trader B: {outcome?.GetType().Name ?? "accepted"}");
                    else if (refuses && resource is not null && outcome!.Message.Contains(target) && !outcome.Message.Contains("may follow"))
                        problems.Add($"{hub.Name}.{method.Name}: the refusal should not tell an unknown id from a stranger's: {outcome.Message}");
                }
            }

            // The owner's own subscriptions do receive events, so silence on B's side means something.
            var ownerEvents = new ConcurrentQueue<string>();
            await using var ownerAccount = TestHubs.Connect(factory, "/hubs/accounts", scene.A.User);
            await using var ownerAssessment = TestHubs.Connect(factory, "/hubs/assessments", scene.A.User);
            Listen(ownerAccount, typeof(AccountHub), ownerEvents);
            Listen(ownerAssessment, typeof(AssessmentHub), ownerEvents);
            await ownerAccount.StartAsync();
            await ownerAssessment.StartAsync();
            await ownerAccount.InvokeAsync<AccountState>("Subscribe", scene.AccountId);
            await ownerAssessment.InvokeAsync<AssessmentSubscription>("Subscribe", scene.AssessmentId);

            await scene.A.QuoteAsync(5000.00m, 5000.25m);
            await scene.A.PostOrderOkAsync(scene.AccountId, new { symbol = Symbol, side = "sell", type = "market", quantity = 1 });
            Assert.Equal(HttpStatusCode.OK, (await scene.Evaluator.Http.PostAsJsonAsync($"/api/v1/assessments/{scene.AssessmentId}/pass", new { reason = "matrix" })).StatusCode);
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!(ownerEvents.Contains("Fill") && ownerEvents.Contains("PhaseStarted")) && DateTime.UtcNow < deadline)
                await Task.Delay(25);
            await Task.Delay(300);

            Assert.Contains("Fill", ownerEvents);
            Assert.Contains("PhaseStarted", ownerEvents);
            Assert.True(received.IsEmpty, $"trader B received: {string.Join(", ", received)}");
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
        finally
        {
            foreach (var connection in connections)
                await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_market_hub_stays_public()
    {
        var subscriptions = factory.Services.GetRequiredService<MarketSubscriptions>();
        var anonymous = TestHubs.Connect(factory, "/hubs/market", null);
        await anonymous.StartAsync();
        var connectionId = anonymous.ConnectionId!;

        var quotes = await anonymous.InvokeAsync<JsonArray>("Subscribe", new[] { Symbol });
        await anonymous.DisposeAsync();

        Assert.NotNull(quotes);
        // Leave the market hub as found: the market hub tests count its connections.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (subscriptions.SymbolsOf(connectionId).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(25);
        Assert.Empty(subscriptions.SymbolsOf(connectionId));
    }

    private async Task<Scene> SceneAsync()
    {
        var a = new TradingTestClient(factory);
        var account = await a.OpenAccountAsync();
        await a.QuoteAsync(5000.00m, 5000.25m);
        var working = await a.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "limit", quantity = 1, limitPrice = 4900.00m, timeInForce = "gtc" });
        await a.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 1 });
        var assessment = await new AssessmentTestClient(factory, a.User).BuyAsync();
        var key = await a.User.Http.PostAsJsonAsync("/api/v1/auth/keys", new { name = "matrix" });
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        return new Scene(a, account, (string)working["id"]!, (string)assessment["id"]!, (string)assessment["currentAccountId"]!,
            await TestUsers.NewTraderAsync(factory), await TestUsers.EvaluatorAsync(factory),
            (string)(await key.Content.ReadFromJsonAsync<JsonNode>())!["keyId"]!);
    }

    /// <summary>Everything of A's a refused request must not change: the paper account, the assessment and its phase account, A's API keys.</summary>
    private static async Task<string> StateAsync(Scene scene) => new JsonObject
    {
        ["account"] = JsonNode.Parse(await scene.A.StateAsync(scene.AccountId)),
        ["assessment"] = await scene.A.GetAsync($"/api/v1/assessments/{scene.AssessmentId}"),
        ["phaseAccount"] = JsonNode.Parse(await scene.A.StateAsync(scene.PhaseAccountId)),
        ["accounts"] = new JsonArray([.. (await scene.A.GetAsync("/api/v1/accounts")).AsArray().Select(a => a!["id"]!.DeepClone())]),
        ["keys"] = await scene.A.GetAsync("/api/v1/auth/keys"),
    }.ToJsonString();

    /// <summary>Sends the route against A's resources, with a body the endpoint would accept from its rightful caller.</summary>
    private static async Task<HttpStatusCode> SendAsync(HttpClient http, Route route, Scene scene, string accountId)
    {
        var path = route.Pattern
            .Replace("{accountId}", accountId).Replace("{orderId}", scene.OrderId).Replace("{symbol}", Symbol)
            .Replace("{assessmentId}", scene.AssessmentId).Replace("{userId}", scene.A.User.UserId).Replace("{keyId}", scene.KeyId)
            .Replace("{planId}", "classic-2step-100k").Replace("{documentName}", "v1");
        var method = route.Method == "*" ? "GET" : route.Method;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (BodyFor(route) is { } body)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static string? BodyFor(Route route) => (route.Method, route.Pattern) switch
    {
        ("POST", var p) when p.EndsWith("/orders", StringComparison.Ordinal) => """{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":1}""",
        ("POST", "/api/v1/accounts") => $$"""{"accountId":"m-{{Guid.NewGuid():N}}","initialBalance":1000}""",
        ("POST", "/api/v1/assessments") => """{"planId":"classic-2step-100k","paymentToken":"tok_visa"}""",
        ("PATCH", _) => """{"quantity":2}""",
        ("POST", var p) when p.EndsWith("/extend", StringComparison.Ordinal) => """{"reason":"matrix","days":3}""",
        ("POST", _) or ("PUT", _) => """{"reason":"matrix"}""",
        _ => null,
    };

    private static string Command(Route route) => route.Pattern[(route.Pattern.LastIndexOf('/') + 1)..];

    /// <summary>Past authorization: done, or refused by the domain for the resource's state (409, 422).</summary>
    private static bool Decided(HttpStatusCode status) =>
        (int)status is >= 200 and < 300 || status is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity;

    private static void Expect(List<string> problems, string who, Route route, HttpStatusCode status, Func<HttpStatusCode, bool> expected)
    {
        if (!expected(status)) problems.Add($"{route}: {who} got {(int)status}");
    }

    private static bool IsHub(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t == typeof(Hub) || t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Hub<>))
                return true;
        return false;
    }

    /// <summary>What a client may invoke: the hub's own public instance methods (not the connection lifecycle overrides).</summary>
    private static IEnumerable<MethodInfo> HubMethods(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == hub);

    /// <summary>Counts every message the hub's client interface defines.</summary>
    private static void Listen(HubConnection connection, Type hub, ConcurrentQueue<string> received)
    {
        var client = hub.BaseType!.GetGenericArguments().Single();
        foreach (var message in client.GetMethods())
            connection.On(message.Name, message.GetParameters().Select(p => p.ParameterType).ToArray(), _ =>
            {
                received.Enqueue(message.Name);
                return Task.CompletedTask;
            });
    }

    private static async Task<HubException?> InvokeAsync(HubConnection connection, string method, object?[] args)
    {
        try
        {
            await connection.InvokeCoreAsync(method, typeof(object), args);
            return null;
        }
        catch (HubException e)
        {
            return e;
        }
    }
}
