using System.Globalization;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Api.Challenges;

/// <summary>
/// Assessments over REST: purchase, list and filter, one assessment and its audit, the trader's abandon and reset, and
/// the evaluator's pass, fail, reset and extend (docs/assessments.md). Until authentication exists, the caller names
/// itself in the body: <c>traderId</c> for a trader, <c>evaluatorId</c> for an evaluator.
/// </summary>
public static class AssessmentsApi
{
    public const int MaxListLimit = 1000;

    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/assessments").WithTags("Assessments");
        group.MapPost("/", PurchaseAsync).WithName("PurchaseAssessment")
            .WithSummary("Buys a plan: { planId, traderId, paymentToken, purchaseId? }. 201 with the assessment; 200 with the same one for a repeated purchaseId; 402 when the payment is declined (nothing is created).")
            .Produces<Assessment>(StatusCodes.Status201Created).Produces<Assessment>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListAssessments")
            .WithSummary("Assessments, newest first, filtered by status, planId, traderId and creation time (from inclusive, to exclusive, ISO 8601); limit 1–1000, default 100.")
            .Produces<IReadOnlyList<AssessmentSummary>>().ProducesValidationProblem();
        group.MapGet("/{assessmentId}", GetAsync).WithName("GetAssessment")
            .WithSummary("The assessment: status, attempt, phase, current account, payment, every phase account and every transition.")
            .Produces<Assessment>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{assessmentId}/audit", GetAuditAsync).WithName("GetAssessmentAudit")
            .WithSummary("Every phase account of every attempt: orders, fills, rule events, equity samples and evaluation; and the history.")
            .Produces<AssessmentAudit>().ProducesProblem(StatusCodes.Status404NotFound);
        Command(group.MapPost("/{assessmentId}/abandon", AbandonAsync).WithName("AbandonAssessment")
            .WithSummary("The trader gives up: { traderId, reason? }."));
        Command(group.MapPost("/{assessmentId}/reset", ResetAsync).WithName("ResetAssessment")
            .WithSummary("A new attempt from phase 1. By the trader: { traderId, reason? } (while active, or after failed/expired). By an evaluator: { evaluatorId, reason }."));
        Command(group.MapPost("/{assessmentId}/pass", (string assessmentId, HttpRequest http, IClusterClient cluster, CancellationToken ct) =>
                EvaluatorAsync(assessmentId, http, cluster, withDays: false, (g, d, _) => g.EvaluatorPassAsync(d), ct))
            .WithName("PassAssessment").WithSummary("An evaluator passes the current phase: { evaluatorId, reason }."));
        Command(group.MapPost("/{assessmentId}/fail", (string assessmentId, HttpRequest http, IClusterClient cluster, CancellationToken ct) =>
                EvaluatorAsync(assessmentId, http, cluster, withDays: false, (g, d, _) => g.EvaluatorFailAsync(d), ct))
            .WithName("FailAssessment").WithSummary("An evaluator fails the running attempt: { evaluatorId, reason }."));
        Command(group.MapPost("/{assessmentId}/extend", (string assessmentId, HttpRequest http, IClusterClient cluster, CancellationToken ct) =>
                EvaluatorAsync(assessmentId, http, cluster, withDays: true, (g, d, days) => g.EvaluatorExtendAsync(d, days), ct))
            .WithName("ExtendAssessment").WithSummary("An evaluator moves the phase's time limit later: { evaluatorId, reason, days (1–365) }."));
        return app;
    }

    private static void Command(RouteHandlerBuilder endpoint) => endpoint
        .Produces<Assessment>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> PurchaseAsync(HttpRequest http, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null)
            return problem;
        var fields = new FieldReader(body!);
        var planId = fields.String("planId", 64);
        var traderId = fields.String("traderId", 64);
        var token = fields.String("paymentToken", 128);
        var purchaseId = fields.String("purchaseId", 64);
        fields.RejectUnknownFields();
        Require(fields, "planId", planId);
        if (!AssessmentIds.IsValidPersonId(traderId))
            Require(fields, "traderId", null, "must be 1–64 letters, digits, '-', '_', '.' or '@'.");
        Require(fields, "paymentToken", token);
        if (purchaseId is not null && !AssessmentIds.IsValidPurchaseId(purchaseId))
            fields.Error("purchaseId", "must be 1–40 letters, digits, '-' or '_'.");
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);

        var id = AssessmentIds.ForPurchase(purchaseId);
        var result = await cluster.GetGrain<IAssessmentGrain>(id).PurchaseAsync(new PurchaseRequest(planId!, traderId!, token!, purchaseId));
        if (result.Error is { } error)
            return AssessmentProblems.From(error);
        return result.Created
            ? TypedResults.Created($"/api/v1/assessments/{id}", result.Assessment)
            : TypedResults.Ok(result.Assessment);
    }

    private static async Task<IResult> ListAsync(HttpRequest http, IClusterClient cluster)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var q = http.Query;
        AssessmentStatus? status = null;
        if (q.TryGetValue("status", out var statusText))
        {
            status = Enum.GetValues<AssessmentStatus>().Select(s => (AssessmentStatus?)s)
                .FirstOrDefault(s => FieldReader.SnakeCase(s!.Value.ToString()) == statusText.ToString());
            if (status is null)
                errors["status"] = [$"'{statusText}' is not one of: {string.Join(", ", Enum.GetValues<AssessmentStatus>().Select(s => FieldReader.SnakeCase(s.ToString())))}."];
        }
        var planId = Text(q, "planId", errors);
        var traderId = Text(q, "traderId", errors);
        var from = Time(q, "from", errors);
        var to = Time(q, "to", errors);
        if (from is not null && to is not null && to <= from)
            errors.TryAdd("to", ["must be later than from."]);
        var limit = 100;
        if (q.TryGetValue("limit", out var limitText) && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxListLimit))
            errors["limit"] = [$"must be a whole number from 1 to {MaxListLimit}."];
        foreach (var key in q.Keys.Where(k => k is not ("status" or "planId" or "traderId" or "from" or "to" or "limit")))
            errors.TryAdd(key, ["is not a parameter of this request."]);
        if (errors.Count > 0)
            return TradingProblems.Validation(errors);

        var found = await cluster.GetGrain<IAssessmentDirectoryGrain>(0).ListAsync(new AssessmentQuery(status, planId, traderId, from, to, limit));
        return TypedResults.Ok(found);
    }

    private static async Task<IResult> GetAsync(string assessmentId, IClusterClient cluster)
    {
        if (!AssessmentIds.IsValid(assessmentId))
            return AssessmentProblems.InvalidId(assessmentId);
        return await cluster.GetGrain<IAssessmentGrain>(assessmentId).GetAsync() is { } assessment
            ? TypedResults.Ok(assessment)
            : AssessmentProblems.UnknownAssessment(assessmentId);
    }

    private static async Task<IResult> GetAuditAsync(string assessmentId, IClusterClient cluster)
    {
        if (!AssessmentIds.IsValid(assessmentId))
            return AssessmentProblems.InvalidId(assessmentId);
        return await cluster.GetGrain<IAssessmentGrain>(assessmentId).GetAuditAsync() is { } audit
            ? TypedResults.Ok(audit)
            : AssessmentProblems.UnknownAssessment(assessmentId);
    }

    private static async Task<IResult> AbandonAsync(string assessmentId, HttpRequest http, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var (fields, problem) = await ReadAsync(assessmentId, http, cancellationToken);
        if (problem is not null)
            return problem;
        var traderId = fields!.String("traderId", 64);
        var reason = fields.String("reason", 1000);
        fields.RejectUnknownFields();
        Require(fields, "traderId", traderId);
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);
        return ToResult(await cluster.GetGrain<IAssessmentGrain>(assessmentId).AbandonAsync(traderId!, reason));
    }

    /// <summary>One route for both resets: the body says who asks (traderId or evaluatorId, not both).</summary>
    private static async Task<IResult> ResetAsync(string assessmentId, HttpRequest http, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var (fields, problem) = await ReadAsync(assessmentId, http, cancellationToken);
        if (problem is not null)
            return problem;
        var traderId = fields!.String("traderId", 64);
        var evaluatorId = fields.String("evaluatorId", 64);
        var reason = fields.String("reason", 1000);
        fields.RejectUnknownFields();
        if (traderId is not null && evaluatorId is not null)
            fields.Error("evaluatorId", "give either traderId (the trader's reset) or evaluatorId (an evaluator's reset), not both.");
        else if (traderId is null && evaluatorId is null && fields.Errors.Count == 0)
            fields.Error("traderId", "is required (or evaluatorId with a reason, for an evaluator's reset).");
        else if (evaluatorId is not null)
            Require(fields, "reason", reason, "is required: an evaluator's decision must say why.");
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);
        var grain = cluster.GetGrain<IAssessmentGrain>(assessmentId);
        return ToResult(evaluatorId is not null
            ? await grain.EvaluatorResetAsync(new EvaluatorDecision(evaluatorId, reason!))
            : await grain.ResetAsync(traderId!, reason));
    }

    private static async Task<IResult> EvaluatorAsync(string assessmentId, HttpRequest http, IClusterClient cluster, bool withDays,
        Func<IAssessmentGrain, EvaluatorDecision, int, Task<AssessmentResult>> command, CancellationToken cancellationToken)
    {
        var (fields, problem) = await ReadAsync(assessmentId, http, cancellationToken);
        if (problem is not null)
            return problem;
        var evaluatorId = fields!.String("evaluatorId", 64);
        var reason = fields.String("reason", 1000);
        var days = withDays ? fields.Decimal("days") : null;
        fields.RejectUnknownFields();
        Require(fields, "evaluatorId", evaluatorId);
        Require(fields, "reason", reason, "is required: an evaluator's decision must say why.");
        if (withDays && !fields.Errors.ContainsKey("days") && (days is null || days % 1 != 0 || days is < 1 or > 365))
            fields.Error("days", "is required: a whole number of days from 1 to 365.");
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);
        return ToResult(await command(cluster.GetGrain<IAssessmentGrain>(assessmentId), new EvaluatorDecision(evaluatorId!, reason!), (int)(days ?? 0)));
    }

    private static async Task<(FieldReader? Fields, IResult? Problem)> ReadAsync(string assessmentId, HttpRequest http, CancellationToken cancellationToken)
    {
        if (!AssessmentIds.IsValid(assessmentId))
            return (null, AssessmentProblems.InvalidId(assessmentId));
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        return problem is not null ? (null, problem) : (new FieldReader(body!), null);
    }

    private static IResult ToResult(AssessmentResult result) =>
        result.Error is { } error ? AssessmentProblems.From(error) : TypedResults.Ok(result.Assessment);

    /// <summary>Records "is required" (or the given message) for a missing or blank field that was not already in error.</summary>
    private static void Require(FieldReader fields, string name, string? value, string message = "is required.")
    {
        if (string.IsNullOrWhiteSpace(value) && !fields.Errors.ContainsKey(fields.Path(name)))
            fields.Error(name, message);
    }

    private static string? Text(IQueryCollection q, string name, Dictionary<string, string[]> errors)
    {
        if (!q.TryGetValue(name, out var value))
            return null;
        var text = value.ToString();
        if (text.Length is 0 or > 64)
            errors[name] = ["must be 1–64 characters."];
        return text;
    }

    private static DateTimeOffset? Time(IQueryCollection q, string name, Dictionary<string, string[]> errors)
    {
        if (!q.TryGetValue(name, out var value))
            return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return time;
        errors[name] = [$"'{value}' is not an ISO 8601 time (e.g. 2026-03-02T09:00:00Z)."];
        return null;
    }
}
