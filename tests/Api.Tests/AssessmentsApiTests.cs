using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Crucible.Api.Tests.AssessmentTestClient;

namespace Crucible.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AssessmentsApiTests(CrucibleApiFactory factory)
{
    private readonly AssessmentTestClient client = new(factory);

    private HttpClient Http => client.Http;

    private static object Evaluator(string reason = "reviewed the trades") => new { reason };

    /// <summary>A request by the host's evaluator, who decides in their own name (the token's).</summary>
    private async Task<HttpResponseMessage> EvaluatorPostAsync(string path, object body) =>
        await (await client.EvaluatorAsync()).Http.PostAsJsonAsync(path, body);

    [Fact]
    public async Task A_purchase_answers_201_with_the_location_of_an_active_assessment_and_its_funded_account()
    {
        var response = await client.PostAsync("/api/v1/assessments", new { planId = "classic-2step-100k", traderId = client.Trader, paymentToken = "tok_visa" });

        var body = await ReadAsync(response, HttpStatusCode.Created);
        var id = (string)body["id"]!;
        Assert.Equal($"/api/v1/assessments/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(("active", 1, 0, 540m), ((string)body["status"]!, (int)body["attempt"]!, (int)body["phaseIndex"]!, (decimal)body["pricePaid"]!));
        Assert.Equal(["purchased", "phase_started"], body["transitions"]!.AsArray().Select(t => (string)t!["cause"]!));
        var fetched = await client.Http.GetFromJsonAsync<JsonNode>(response.Headers.Location);
        Assert.Equal(id, (string)fetched!["id"]!);
        var account = await Http.GetFromJsonAsync<JsonNode>($"/api/v1/accounts/{body["currentAccountId"]}");
        Assert.Equal(100_000m, (decimal)account!["initialBalance"]!);
    }

    [Fact]
    public async Task Repeating_a_purchase_with_its_purchase_id_answers_200_with_the_same_assessment()
    {
        var purchase = new { planId = "futures-combine-50k", traderId = client.Trader, paymentToken = "tok_visa", purchaseId = Guid.NewGuid().ToString("N") };

        var first = await ReadAsync(await client.PostAsync("/api/v1/assessments", purchase), HttpStatusCode.Created);
        var again = await ReadAsync(await client.PostAsync("/api/v1/assessments", purchase), HttpStatusCode.OK);
        var conflict = await ReadAsync(await client.PostAsync("/api/v1/assessments", purchase with { planId = "classic-2step-100k" }), HttpStatusCode.Conflict);

        Assert.Equal((string)first["id"]!, (string)again["id"]!);
        Assert.Equal((string)first["paymentReference"]!, (string)again["paymentReference"]!);
        Assert.Equal("purchase_conflict", (string)conflict["code"]!);
        Assert.Single((await Http.GetFromJsonAsync<JsonArray>($"/api/v1/assessments?traderId={client.Trader}"))!);
    }

    [Theory]
    [InlineData("tok_decline", "card_declined")]
    [InlineData("tok_insufficient_funds", "insufficient_funds")]
    public async Task A_declined_payment_is_a_402_problem_and_creates_nothing(string token, string declineCode)
    {
        var purchaseId = Guid.NewGuid().ToString("N");

        var response = await client.PostAsync("/api/v1/assessments", new { planId = "classic-2step-100k", traderId = client.Trader, paymentToken = token, purchaseId });

        var problem = await ReadAsync(response, HttpStatusCode.PaymentRequired);
        Assert.Equal(("payment_declined", declineCode, "paymentToken"), ((string)problem["code"]!, (string)problem["declineCode"]!, (string)problem["field"]!));
        Assert.Empty((await Http.GetFromJsonAsync<JsonArray>($"/api/v1/assessments?traderId={client.Trader}"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/v1/assessments/asm-{purchaseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/v1/accounts/asm-{purchaseId}-a1-p1")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_plan_is_a_404_problem()
    {
        var problem = await ReadAsync(await client.PostAsync("/api/v1/assessments", new { planId = "no-such-plan", traderId = client.Trader, paymentToken = "tok_visa" }),
            HttpStatusCode.NotFound);

        Assert.Equal(("unknown_plan", "planId"), ((string)problem["code"]!, (string)problem["field"]!));
    }

    [Theory]
    [InlineData("""{ "traderId": "t1", "paymentToken": "tok_visa" }""", "planId")]
    [InlineData("""{ "planId": "classic-2step-100k", "traderId": 42, "paymentToken": "tok_visa" }""", "traderId")]
    [InlineData("""{ "planId": "classic-2step-100k", "traderId": "has space", "paymentToken": "tok_visa" }""", "traderId")]
    [InlineData("""{ "planId": "classic-2step-100k", "traderId": "t1" }""", "paymentToken")]
    [InlineData("""{ "planId": "classic-2step-100k", "traderId": "t1", "paymentToken": 4242 }""", "paymentToken")]
    [InlineData("""{ "planId": "classic-2step-100k", "traderId": "t1", "paymentToken": "tok_visa", "purchaseId": "no/slashes" }""", "purchaseId")]
    [InlineData("""{ "planId": "classic-2step-100k", "traderId": "t1", "paymentToken": "tok_visa", "coupon": "FREE" }""", "coupon")]
    [InlineData("""{ "planId": """, "body")]
    [InlineData("""[]""", "body")]
    public async Task A_malformed_purchase_is_a_400_naming_the_field(string json, string field) =>
        await AssertInvalidAsync(await client.PostRawAsync("/api/v1/assessments", json), field);

    [Fact]
    public async Task The_list_filters_by_status_plan_trader_and_creation_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        var classic = (string)(await client.BuyAsync())["id"]!;
        var futures = (string)(await client.BuyAsync("futures-combine-50k"))["id"]!;
        await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{futures}/fail", Evaluator()), HttpStatusCode.OK);

        async Task<string[]> Ids(string query) =>
            [.. (await Http.GetFromJsonAsync<JsonArray>($"/api/v1/assessments?traderId={client.Trader}&{query}"))!.Select(a => (string)a!["id"]!)];

        Assert.Equal([futures, classic], await Ids(""));
        Assert.Equal([futures], await Ids("status=failed"));
        Assert.Equal([classic], await Ids("status=active&planId=classic-2step-100k"));
        Assert.Equal([futures, classic], await Ids($"from={Uri.EscapeDataString(before)}"));
        Assert.Empty(await Ids($"to={Uri.EscapeDataString(before)}"));
        Assert.Equal([futures], await Ids("limit=1"));
    }

    [Theory]
    [InlineData("status=won", "status")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("colour=red", "colour")]
    public async Task A_bad_list_parameter_is_a_400_naming_it(string query, string field) =>
        await AssertInvalidAsync(await Http.GetAsync($"/api/v1/assessments?{query}"), field);

    [Fact]
    public async Task An_unknown_assessment_is_a_404_and_a_malformed_id_a_400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/assessments/asm-nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/assessments/asm-nobody/audit")).StatusCode);
        var unknown = await ReadAsync(await EvaluatorPostAsync("/api/v1/assessments/asm-nobody/pass", Evaluator()), HttpStatusCode.NotFound);
        Assert.Equal("unknown_assessment", (string)unknown["code"]!);
        await AssertInvalidAsync(await Http.GetAsync("/api/v1/assessments/bad.id"), "assessmentId");
    }

    [Fact]
    public async Task The_audit_holds_every_phase_account_and_the_history()
    {
        var id = (string)(await client.BuyAsync())["id"]!;
        await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/pass", Evaluator()), HttpStatusCode.OK);

        var audit = (await Http.GetFromJsonAsync<JsonNode>($"/api/v1/assessments/{id}/audit"))!;

        var phases = audit["phases"]!.AsArray();
        Assert.Equal([$"{id}-a1-p1", $"{id}-a1-p2"], phases.Select(p => (string)p!["phase"]!["accountId"]!));
        Assert.Equal(["passed", null], phases.Select(p => (string?)p!["phase"]!["outcome"]));
        Assert.All(phases, p =>
        {
            Assert.Equal(100_000m, (decimal)p!["account"]!["initialBalance"]!);
            Assert.NotNull(p["orders"]!.AsArray());
            Assert.NotNull(p["fills"]!.AsArray());
            Assert.NotNull(p["ruleEvents"]!.AsArray());
            Assert.NotNull(p["equitySamples"]!.AsArray());
        });
        Assert.Equal("evaluator_passed", (string)audit["assessment"]!["transitions"]![2]!["cause"]!);
    }

    [Theory]
    [InlineData("pass")]
    [InlineData("fail")]
    [InlineData("reset")]
    [InlineData("extend")]
    public async Task An_override_without_a_reason_is_a_400_naming_reason(string command)
    {
        var id = (string)(await client.BuyAsync())["id"]!;

        var evaluatorId = (await client.EvaluatorAsync()).UserId;
        object missing = command == "extend" ? new { evaluatorId, days = 3 } : new { evaluatorId };
        object blank = command == "extend" ? new { evaluatorId, reason = "  ", days = 3 } : new { evaluatorId, reason = "  " };

        await AssertInvalidAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/{command}", missing), "reason");
        await AssertInvalidAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/{command}", blank), "reason");
        var unchanged = (await Http.GetFromJsonAsync<JsonNode>($"/api/v1/assessments/{id}"))!;
        Assert.Equal(2, unchanged["transitions"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("pass")]
    [InlineData("fail")]
    [InlineData("reset")]
    [InlineData("extend")]
    public async Task An_override_by_a_non_evaluator_is_a_403(string command)
    {
        var id = (string)(await client.BuyAsync())["id"]!;
        object body = command == "extend"
            ? new { evaluatorId = client.Trader, reason = "let me through", days = 3 }
            : new { evaluatorId = client.Trader, reason = "let me through" };

        // The trader's token has no evaluator role: pass, fail and extend are refused by their policy, an evaluator's
        // reset by the endpoint (which also serves the trader's own reset).
        var response = await client.PostAsync($"/api/v1/assessments/{id}/{command}", body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonNode>($"/api/v1/assessments/{id}"))!["transitions"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("pass")]
    [InlineData("fail")]
    [InlineData("reset")]
    [InlineData("extend")]
    public async Task An_evaluator_naming_someone_else_or_deciding_their_own_assessment_is_a_403(string command)
    {
        var evaluator = await client.EvaluatorAsync();
        var other = (string)(await client.BuyAsync())["id"]!;
        var ownResponse = await evaluator.Http.PostAsJsonAsync("/api/v1/assessments", new { planId = "classic-2step-100k", paymentToken = "tok_visa" });
        var own = (string)(await ReadAsync(ownResponse, HttpStatusCode.Created))["id"]!;
        object Body(string? evaluatorId) => command == "extend" ? new { evaluatorId, reason = "x", days = 3 } : new { evaluatorId, reason = "x" };

        var impostor = await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{other}/{command}", Body("evaluator")), HttpStatusCode.Forbidden);
        var judge = await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{own}/{command}", Body(evaluator.UserId)), HttpStatusCode.Forbidden);

        Assert.Equal(("not_evaluator", "evaluatorId"), ((string)impostor["code"]!, (string)impostor["field"]!));
        Assert.Equal(("not_evaluator", "evaluatorId"), ((string)judge["code"]!, (string)judge["field"]!));
        Assert.Equal(2, (await Http.GetFromJsonAsync<JsonNode>($"/api/v1/assessments/{other}"))!["transitions"]!.AsArray().Count);
        Assert.Equal(2, (await evaluator.Http.GetFromJsonAsync<JsonNode>($"/api/v1/assessments/{own}"))!["transitions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Evaluator_overrides_move_the_assessment_and_a_pass_after_a_fail_or_an_extension_without_a_time_limit_is_a_409()
    {
        var id = (string)(await client.BuyAsync())["id"]!;

        var evaluatorId = (await client.EvaluatorAsync()).UserId;
        var extended = await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/extend", new { evaluatorId, reason = "outage", days = 5 }), HttpStatusCode.Conflict);
        var passed = await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/pass", Evaluator()), HttpStatusCode.OK);
        var failed = await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/fail", Evaluator("rule abuse")), HttpStatusCode.OK);
        var again = await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/pass", Evaluator()), HttpStatusCode.Conflict);
        var reset = await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/reset", Evaluator("appeal granted")), HttpStatusCode.OK);

        Assert.Equal("invalid_transition", (string)extended["code"]!);   // the classic plan's phases have no time limit
        Assert.Equal(("active", 1), ((string)passed["status"]!, (int)passed["phaseIndex"]!));
        Assert.Equal("failed", (string)failed["status"]!);
        Assert.Equal("invalid_transition", (string)again["code"]!);
        Assert.Equal(("active", 2, $"{id}-a2-p1"), ((string)reset["status"]!, (int)reset["attempt"]!, (string)reset["currentAccountId"]!));
        // The decisions are in the signed-in evaluator's name.
        var decisions = ((JsonArray)reset["transitions"]!).Where(t => ((string)t!["cause"]!).StartsWith("evaluator_", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, decisions.Count);
        Assert.All(decisions, t => Assert.Equal(evaluatorId, (string)t!["actor"]!));
    }

    [Fact]
    public async Task Every_evaluator_decision_and_refused_attempt_is_in_the_audit_trail()
    {
        var id = (string)(await client.BuyAsync())["id"]!;
        var evaluator = await client.EvaluatorAsync();

        await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/pass", Evaluator("clean record")), HttpStatusCode.OK);
        await ReadAsync(await EvaluatorPostAsync($"/api/v1/assessments/{id}/pass", new { evaluatorId = "someone-else", reason = "x" }), HttpStatusCode.Forbidden);

        var trail = factory.Services.GetRequiredService<IClusterClient>()
            .GetGrain<Crucible.Grains.Interfaces.Identity.IAuditTrailGrain>(Crucible.Grains.Interfaces.Identity.IAuditTrailGrain.DayOf(DateTimeOffset.UtcNow));
        var entries = (await trail.ListAsync()).Where(e => e.Target == id).ToList();
        Assert.Equal([("assessment.pass", "ok", "clean record"), ("assessment.pass", "forbidden", null)],
            entries.Select(e => (e.Action, e.Outcome, e.Detail)));
        Assert.All(entries, e => Assert.Equal(evaluator.UserId, e.UserId));
    }

    [Theory]
    [InlineData("""{ "reason": "x", "days": 0 }""", "days")]
    [InlineData("""{ "reason": "x", "days": 1.5 }""", "days")]
    [InlineData("""{ "reason": "x", "days": "many" }""", "days")]
    [InlineData("""{ "reason": "x" }""", "days")]
    [InlineData("""{ "evaluatorId": 7, "reason": "x", "days": 2 }""", "evaluatorId")]
    public async Task A_bad_extension_is_a_400_naming_the_field(string json, string field)
    {
        var id = (string)(await client.BuyAsync())["id"]!;
        var evaluator = await client.EvaluatorAsync();

        await AssertInvalidAsync(await evaluator.Http.PostAsync($"/api/v1/assessments/{id}/extend",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json")), field);
    }

    [Fact]
    public async Task The_trader_resets_and_abandons_and_nobody_else_may()
    {
        var id = (string)(await client.BuyAsync("futures-combine-50k"))["id"]!;
        var mallory = new AssessmentTestClient(factory);
        var evaluator = await client.EvaluatorAsync();

        // Another trader cannot tell the assessment exists; an evaluator may read it but not act as its trader; the
        // trader cannot name someone else in the body.
        var stranger = await ReadAsync(await mallory.PostAsync($"/api/v1/assessments/{id}/abandon", new { reason = "mine now" }), HttpStatusCode.NotFound);
        var reader = await ReadAsync(await evaluator.Http.PostAsJsonAsync($"/api/v1/assessments/{id}/abandon", new { reason = "x" }), HttpStatusCode.Forbidden);
        var impostor = await ReadAsync(await client.PostAsync($"/api/v1/assessments/{id}/abandon", new { traderId = mallory.Trader }), HttpStatusCode.Forbidden);
        await AssertInvalidAsync(await client.PostAsync($"/api/v1/assessments/{id}/reset", new { traderId = client.Trader, evaluatorId = "evaluator", reason = "x" }), "evaluatorId");
        var reset = await ReadAsync(await client.PostAsync($"/api/v1/assessments/{id}/reset", new { }), HttpStatusCode.OK);
        var abandoned = await ReadAsync(await client.PostAsync($"/api/v1/assessments/{id}/abandon", new { traderId = client.Trader, reason = "no time" }), HttpStatusCode.OK);
        var late = await ReadAsync(await client.PostAsync($"/api/v1/assessments/{id}/reset", new { traderId = client.Trader }), HttpStatusCode.Conflict);

        Assert.Equal("unknown_assessment", (string)stranger["code"]!);
        Assert.Equal(("not_trader", "not_trader"), ((string)reader["code"]!, (string)impostor["code"]!));
        Assert.Equal((2, "trader_reset"), ((int)reset["attempt"]!, (string)reset["transitions"]!.AsArray().Last()!["cause"]!));
        Assert.Equal("abandoned", (string)abandoned["status"]!);
        Assert.Equal("invalid_transition", (string)late["code"]!);
    }

    [Theory]
    [InlineData("by=luck", "by")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("top=3", "top")]
    public async Task A_bad_leaderboard_parameter_is_a_400_naming_it(string query, string field) =>
        await AssertInvalidAsync(await Http.GetAsync($"/api/v1/leaderboard?{query}"), field);

    [Theory]
    [InlineData("")]
    [InlineData("?by=return&limit=5")]
    [InlineData("?by=risk_adjusted")]
    [InlineData("?by=riskAdjusted")]
    public async Task The_leaderboard_answers_ranked_active_assessments(string query)
    {
        var board = (await Http.GetFromJsonAsync<JsonArray>($"/api/v1/leaderboard{query}"))!;

        Assert.Equal(Enumerable.Range(1, board.Count), board.Select(e => (int)e!["rank"]!));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_assessment_endpoints()
    {
        var document = (await Http.GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "/api/v1/assessments", "/api/v1/assessments/{assessmentId}", "/api/v1/assessments/{assessmentId}/audit",
            "/api/v1/assessments/{assessmentId}/abandon", "/api/v1/assessments/{assessmentId}/reset", "/api/v1/assessments/{assessmentId}/pass",
            "/api/v1/assessments/{assessmentId}/fail", "/api/v1/assessments/{assessmentId}/extend", "/api/v1/leaderboard",
        }, paths);
    }
}
