namespace Crucible.Api.Tests.Hostile;

/// <summary>What a hostile request is aimed at: a fresh paper account with a working order and a position, and (for
/// the assessment endpoints) a freshly bought assessment; plus the ids a successful request would have created, and the
/// user ids of the trader who owns them and of the evaluator who sends the evaluator endpoints' requests.</summary>
public sealed record Scene(string AccountId, string WorkingOrderId, string? AssessmentId, string NewAccountId, string PurchaseId, string Trader,
    string EvaluatorId = "evaluator", string NewEmail = "");

/// <summary>
/// One write endpoint of the API, described so a hostile case can be built from it: a valid body as ordered fields
/// (raw JSON values), which top-level field to repeat, a nested object whose field to repeat, a string field (for
/// bad text), a number field (for numbers a decimal cannot hold) and the optional fields the valid body leaves out
/// (each is also sent as null). A bodyless endpoint has no fields; every body sent to it is refused as <c>body</c>.
/// </summary>
public sealed record WriteEndpoint(
    string Name,
    string Method,
    Func<Scene, string> Path,
    Func<Scene, (string Name, string Json)[]>? Fields,
    bool NeedsAssessment = false,
    string DuplicateField = "",
    string NestedObject = "",
    string NestedField = "",
    string TextField = "",
    string NumberField = "",
    bool NumberIsDecimal = false,
    string[]? OmittedFields = null,
    bool ByEvaluator = false)
{
    public bool TakesBody => Fields is not null;

    public override string ToString() => Name;

    public static readonly WriteEndpoint[] All =
    [
        new("place order", "POST", s => $"/api/v1/accounts/{s.AccountId}/orders",
            s => [("symbol", "\"TEST-EXT\""), ("side", "\"buy\""), ("type", "\"limit\""), ("quantity", "1"), ("limitPrice", "4800"),
                ("timeInForce", "\"gtc\""), ("clientOrderId", $"\"{Guid.NewGuid():N}\"")],
            DuplicateField: "symbol", NestedObject: "takeProfit", NestedField: "limitPrice", TextField: "symbol", NumberField: "quantity", NumberIsDecimal: true,
            OmittedFields: ["stopPrice", "trailAmount", "trailPercent", "orderClass", "takeProfit", "stopLoss"]),
        new("place trailing stop", "POST", s => $"/api/v1/accounts/{s.AccountId}/orders",
            _ => [("symbol", "\"TEST-EXT\""), ("side", "\"sell\""), ("type", "\"trailing_stop\""), ("quantity", "1"), ("trailAmount", "10"),
                ("timeInForce", "\"gtc\"")],
            DuplicateField: "trailAmount", NestedObject: "stopLoss", NestedField: "stopPrice", TextField: "side", NumberField: "trailAmount", NumberIsDecimal: true,
            OmittedFields: ["trailPercent", "clientOrderId"]),
        new("replace order", "PATCH", s => $"/api/v1/accounts/{s.AccountId}/orders/{s.WorkingOrderId}",
            s => [("quantity", "2"), ("limitPrice", "4850"), ("timeInForce", "\"gtc\"")],
            DuplicateField: "quantity", NestedObject: "limitPrice", NestedField: "value", TextField: "timeInForce", NumberField: "quantity", NumberIsDecimal: true,
            OmittedFields: ["stopPrice", "trailAmount", "trailPercent"]),
        new("cancel order", "DELETE", s => $"/api/v1/accounts/{s.AccountId}/orders/{s.WorkingOrderId}", null),
        new("close position", "DELETE", s => $"/api/v1/accounts/{s.AccountId}/positions/{CrucibleApiFactory.ExternalSymbol}", null),
        new("open paper account", "POST", _ => "/api/v1/accounts",
            s => [("accountId", $"\"{s.NewAccountId}\""), ("initialBalance", "50000"), ("maxLeverage", "2"), ("limitFillsToTopOfBook", "false")],
            DuplicateField: "initialBalance", NestedObject: "slippage", NestedField: "fixedBps", TextField: "accountId", NumberField: "initialBalance", NumberIsDecimal: true,
            OmittedFields: ["slippage"]),
        new("buy assessment", "POST", _ => "/api/v1/assessments",
            s => [("planId", "\"classic-2step-100k\""), ("traderId", $"\"{s.Trader}\""), ("paymentToken", "\"tok_visa\""), ("purchaseId", $"\"{s.PurchaseId}\"")],
            DuplicateField: "planId", NestedObject: "purchaseId", NestedField: "id", TextField: "traderId", NumberField: "paymentToken"),
        Evaluator("pass"),
        Evaluator("fail"),
        Evaluator("reset") with { OmittedFields = ["traderId"] },
        new("extend", "POST", s => $"/api/v1/assessments/{s.AssessmentId}/extend",
            s => [("evaluatorId", $"\"{s.EvaluatorId}\""), ("reason", "\"outage\""), ("days", "3")], NeedsAssessment: true,
            DuplicateField: "days", NestedObject: "reason", NestedField: "text", TextField: "reason", NumberField: "days", NumberIsDecimal: true,
            ByEvaluator: true),
        new("trader reset", "POST", s => $"/api/v1/assessments/{s.AssessmentId}/reset",
            s => [("traderId", $"\"{s.Trader}\""), ("reason", "\"start over\"")], NeedsAssessment: true,
            DuplicateField: "traderId", NestedObject: "reason", NestedField: "text", TextField: "traderId", NumberField: "reason"),
        new("abandon", "POST", s => $"/api/v1/assessments/{s.AssessmentId}/abandon",
            s => [("traderId", $"\"{s.Trader}\""), ("reason", "\"giving up\"")], NeedsAssessment: true,
            DuplicateField: "traderId", NestedObject: "reason", NestedField: "text", TextField: "reason", NumberField: "reason"),
        // Identity (docs/identity.md): the same parser, the same refusals; none may create a user, a key or a sign-in.
        new("register", "POST", _ => "/api/v1/auth/register",
            s => [("email", $"\"{s.NewEmail}\""), ("password", $"\"{TestUsers.Password}\""), ("displayName", "\"Hostile\"")],
            DuplicateField: "email", NestedObject: "displayName", NestedField: "text", TextField: "email", NumberField: "password"),
        new("login", "POST", _ => "/api/v1/auth/login",
            s => [("email", $"\"{s.NewEmail}\""), ("password", $"\"{TestUsers.Password}\"")],
            DuplicateField: "password", NestedObject: "email", NestedField: "address", TextField: "password", NumberField: "email"),
        new("refresh", "POST", _ => "/api/v1/auth/refresh",
            _ => [("refreshToken", "\"family.secret\"")],
            DuplicateField: "refreshToken", NestedObject: "refreshToken", NestedField: "value", TextField: "refreshToken", NumberField: "refreshToken"),
        new("create API key", "POST", _ => "/api/v1/auth/keys",
            _ => [("name", "\"hostile bot\"")],
            DuplicateField: "name", NestedObject: "name", NestedField: "text", TextField: "name", NumberField: "name"),
        new("confirm second factor", "POST", _ => "/api/v1/auth/2fa/confirm",
            _ => [("code", "\"123456\"")],
            DuplicateField: "code", NestedObject: "code", NestedField: "value", TextField: "code", NumberField: "code"),
    ];

    private static WriteEndpoint Evaluator(string command) => new(command, "POST", s => $"/api/v1/assessments/{s.AssessmentId}/{command}",
        s => [("evaluatorId", $"\"{s.EvaluatorId}\""), ("reason", "\"reviewed the trades\"")], NeedsAssessment: true,
        DuplicateField: "reason", NestedObject: "reason", NestedField: "text", TextField: "reason", NumberField: "reason", ByEvaluator: true);

    public static WriteEndpoint Named(string name) => All.Single(e => e.Name == name);
}
