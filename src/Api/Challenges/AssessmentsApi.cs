using System.Globalization;
using System.Security.Claims;
using Crucible.Api.Identity;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Challenges;

/// <summary>
/// Assessments over REST: purchase, list and filter, one assessment and its audit, the trader's abandon and reset, and
/// the evaluator's pass, fail, reset and extend (docs/assessments.md). Every route needs a signed-in caller, who is the
/// trader or the evaluator: a body's <c>traderId</c> or <c>evaluatorId</c> may only repeat the caller's user id (else 403).
/// An assessment the caller may not see answers 404 like an unknown one; evaluators and admins read every one.
/// </summary>
public static class AssessmentsApi
{
    public const int MaxListLimit = 1000;

    public const int MaxListOffset = 10_000;

    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/assessments").WithTags("Assessments").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", PurchaseAsync).WithName("PurchaseAssessment")
            .WithSummary("The caller buys a plan: { planId, paymentToken, purchaseId?, traderId? (the caller's user id, else 403) }. 201 with the assessment; 200 with the same one for a repeated purchaseId; 402 when the payment is declined (nothing is created).")
            .Produces<Assessment>(StatusCodes.Status201Created).Produces<Assessment>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync).WithName("ListAssessments")
            .WithSummary("Assessments, newest first, filtered by status, planId, traderId and creation time (from inclusive, to exclusive, ISO 8601); limit 1–1000, default 100; offset 0–10000 skips that many (paging). A trader sees only their own (a traderId other than theirs is 403); evaluators and admins see all.")
            .Produces<IReadOnlyList<AssessmentSummary>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{assessmentId}", GetAsync).WithName("GetAssessment")
            .WithSummary("The assessment: status, attempt, phase, current account, payment, every phase account and every transition.")
            .Produces<Assessment>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{assessmentId}/audit", GetAuditAsync).WithName("GetAssessmentAudit")
            .WithSummary("Every phase account of every attempt: orders, fills, rule events, equity samples and evaluation; and the history. timelines: per phase, orders, fills and rule events in time order with the equity, prices, tick and floors of each, and the equity curve with its floors.")
            .Produces<AssessmentAuditView>().ProducesProblem(StatusCodes.Status404NotFound);
        Command(group.MapPost("/{assessmentId}/abandon", AbandonAsync).WithName("AbandonAssessment")
            .WithSummary("The trader gives up: { reason?, traderId? }."));
        Command(group.MapPost("/{assessmentId}/reset", ResetAsync).WithName("ResetAssessment")
            .WithSummary("A new attempt from phase 1. By the trader: { reason?, traderId? } (while active, or after failed/expired). By an evaluator (of another's assessment, or naming evaluatorId): { reason, evaluatorId? }."));
        Command(group.MapPost("/{assessmentId}/pass", (string assessmentId, HttpContext http, ResourceAccess access, AuditLog audit, IClusterClient cluster, CancellationToken ct) =>
                EvaluatorAsync(assessmentId, http, access, audit, cluster, "pass", (g, d, _) => g.EvaluatorPassAsync(d), ct))
            .WithName("PassAssessment").WithSummary("An evaluator passes the current phase: { reason, evaluatorId? }.").RequireAuthorization(Policies.Evaluator));
        Command(group.MapPost("/{assessmentId}/fail", (string assessmentId, HttpContext http, ResourceAccess access, AuditLog audit, IClusterClient cluster, CancellationToken ct) =>
                EvaluatorAsync(assessmentId, http, access, audit, cluster, "fail", (g, d, _) => g.EvaluatorFailAsync(d), ct))
            .WithName("FailAssessment").WithSummary("An evaluator fails the running attempt: { reason, evaluatorId? }.").RequireAuthorization(Policies.Evaluator));
        Command(group.MapPost("/{assessmentId}/extend", (string assessmentId, HttpContext http, ResourceAccess access, AuditLog audit, IClusterClient cluster, CancellationToken ct) =>
                EvaluatorAsync(assessmentId, http, access, audit, cluster, "extend", (g, d, days) => g.EvaluatorExtendAsync(d, days), ct))
            .WithName("ExtendAssessment").WithSummary("An evaluator moves the phase's time limit later: { reason, days (1–365), evaluatorId? }.").RequireAuthorization(Policies.Evaluator));
        return app;
    }

    private static void Command(RouteHandlerBuilder endpoint) => endpoint
        .Produces<Assessment>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> PurchaseAsync(HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster, CancellationToken cancellationToken)
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
        if (traderId is not null && !AssessmentIds.IsValidPersonId(traderId))
            Require(fields, "traderId", null, "must be 1–64 letters, digits, '-', '_', '.' or '@'.");
        Require(fields, "paymentToken", token);
        if (purchaseId is not null && !AssessmentIds.IsValidPurchaseId(purchaseId))
            fields.Error("purchaseId", "must be 1–40 letters, digits, '-' or '_'.");
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);
        var userId = caller.UserId()!;
        if (NotCaller(traderId, userId, "traderId", "a trader buys plans for themselves.") is { } notCaller)
            return notCaller;

        var id = AssessmentIds.ForPurchase(purchaseId);
        var result = await cluster.GetGrain<IAssessmentGrain>(id).PurchaseAsync(new PurchaseRequest(planId!, userId, token!, purchaseId));
        if (result.Error is { Code: AssessmentErrorCode.PurchaseConflict } conflict)
            // The grain's message names the earlier buyer; another trader must not learn who that is.
            return AssessmentProblems.From(conflict with { Message = $"The purchase id '{purchaseId ?? id}' was already used for a different purchase." });
        if (result.Error is { } error)
            return AssessmentProblems.From(error);
        return result.Created
            ? TypedResults.Created($"/api/v1/assessments/{id}", result.Assessment)
            : TypedResults.Ok(result.Assessment);
    }

    private static async Task<IResult> ListAsync(HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster)
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
        var offset = 0;
        if (q.TryGetValue("offset", out var offsetText) && (!int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > MaxListOffset))
            errors["offset"] = [$"must be a whole number from 0 to {MaxListOffset}."];
        foreach (var key in q.Keys.Where(k => k is not ("status" or "planId" or "traderId" or "from" or "to" or "limit" or "offset")))
            errors.TryAdd(key, ["is not a parameter of this request."]);
        if (errors.Count > 0)
            return TradingProblems.Validation(errors);
        if (!IsEvaluator(caller))
        {
            // A trader's list is their own: the filter is theirs whatever they ask, and asking for another's is refused.
            if (NotCaller(traderId, caller.UserId()!, "traderId", "a trader lists only their own assessments.") is { } notCaller)
                return notCaller;
            traderId = caller.UserId();
        }

        // The directory answers the newest matches; a page is the newest offset + limit of them, less the first offset.
        var found = await cluster.GetGrain<IAssessmentDirectoryGrain>(0).ListAsync(new AssessmentQuery(status, planId, traderId, from, to, offset + limit));
        return TypedResults.Ok(found.Skip(offset).ToList());
    }

    private static async Task<IResult> GetAsync(string assessmentId, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster)
    {
        if (await RefuseAsync(assessmentId, caller, access) is { } refused)
            return refused;
        return await cluster.GetGrain<IAssessmentGrain>(assessmentId).GetAsync() is { } assessment
            ? TypedResults.Ok(assessment)
            : AssessmentProblems.UnknownAssessment(assessmentId);
    }

    private static async Task<IResult> GetAuditAsync(string assessmentId, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster)
    {
        if (await RefuseAsync(assessmentId, caller, access) is { } refused)
            return refused;
        if (await cluster.GetGrain<IAssessmentGrain>(assessmentId).GetAuditAsync() is not { } audit)
            return AssessmentProblems.UnknownAssessment(assessmentId);
        // Floors follow the plan's rules; the catalog's copy of the plan, as the analytics read it.
        var plan = await cluster.GetGrain<IPlanCatalogGrain>(0).FindAsync(audit.Assessment.PlanId);
        var timelines = audit.Phases.Select(p => AuditTimeline.Build(p, plan is null ? null
            : p.Phase.PhaseIndex < plan.Phases.Count ? plan.Phases[p.Phase.PhaseIndex] : plan.Funded)).ToList();
        return TypedResults.Ok(new AssessmentAuditView(audit.Assessment, audit.Phases, timelines));
    }

    private static async Task<IResult> AbandonAsync(string assessmentId, HttpContext http, ResourceAccess access, IClusterClient cluster,
        CancellationToken cancellationToken)
    {
        var (fields, granted, problem) = await ReadAsync(assessmentId, http, access, cancellationToken);
        if (problem is not null)
            return problem;
        var traderId = fields!.String("traderId", 64);
        var reason = fields.String("reason", 1000);
        fields.RejectUnknownFields();
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);
        var userId = http.User.UserId()!;
        if ((NotCaller(traderId, userId, "traderId", "only the assessment's trader may abandon it.") ?? NotOwner(granted, "abandon")) is { } refused)
            return refused;
        return ToResult(await cluster.GetGrain<IAssessmentGrain>(assessmentId).AbandonAsync(userId, reason));
    }

    /// <summary>
    /// One route for both resets. The trader's own assessment is the trader's reset; an evaluator resetting another's
    /// assessment (or naming themselves as evaluatorId) is the evaluator's reset, which needs a reason and is audited.
    /// </summary>
    private static async Task<IResult> ResetAsync(string assessmentId, HttpContext http, ResourceAccess access, AuditLog audit, IClusterClient cluster,
        CancellationToken cancellationToken)
    {
        var (fields, granted, problem) = await ReadAsync(assessmentId, http, access, cancellationToken);
        if (problem is not null)
            return problem;
        var traderId = fields!.String("traderId", 64);
        var evaluatorId = fields.String("evaluatorId", 64);
        var reason = fields.String("reason", 1000);
        fields.RejectUnknownFields();
        if (traderId is not null && evaluatorId is not null)
            fields.Error("evaluatorId", "give either traderId (the trader's reset) or evaluatorId (an evaluator's reset), not both.");
        var byEvaluator = evaluatorId is not null || (traderId is null && granted == Access.Read);
        if (byEvaluator)
            Require(fields, "reason", reason, "is required: an evaluator's decision must say why.");
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);
        var userId = http.User.UserId()!;
        var grain = cluster.GetGrain<IAssessmentGrain>(assessmentId);
        if (byEvaluator)
            return await DecideAsync(http, audit, assessmentId, "reset", evaluatorId, reason!, granted, () => grain.EvaluatorResetAsync(new EvaluatorDecision(userId, reason!)));
        if ((NotCaller(traderId, userId, "traderId", "only the assessment's trader may reset it as its trader.") ?? NotOwner(granted, "reset")) is { } refused)
            return refused;
        return ToResult(await grain.ResetAsync(userId, reason));
    }

    private static async Task<IResult> EvaluatorAsync(string assessmentId, HttpContext http, ResourceAccess access, AuditLog audit, IClusterClient cluster,
        string action, Func<IAssessmentGrain, EvaluatorDecision, int, Task<AssessmentResult>> command, CancellationToken cancellationToken)
    {
        var (fields, granted, problem) = await ReadAsync(assessmentId, http, access, cancellationToken);
        if (problem is not null)
            return problem;
        var withDays = action == "extend";
        var evaluatorId = fields!.String("evaluatorId", 64);
        var reason = fields.String("reason", 1000);
        var days = withDays ? fields.Decimal("days") : null;
        fields.RejectUnknownFields();
        Require(fields, "reason", reason, "is required: an evaluator's decision must say why.");
        if (withDays && !fields.Errors.ContainsKey("days") && (days is null || days % 1 != 0 || days is < 1 or > 365))
            fields.Error("days", "is required: a whole number of days from 1 to 365.");
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);
        var decision = new EvaluatorDecision(http.User.UserId()!, reason!);
        return await DecideAsync(http, audit, assessmentId, action, evaluatorId, reason!, granted,
            () => command(cluster.GetGrain<IAssessmentGrain>(assessmentId), decision, (int)(days ?? 0)));
    }

    /// <summary>
    /// An evaluator's decision, taken in the caller's name: refused when the caller is not an evaluator or admin, names
    /// someone else as evaluatorId, or owns the assessment (nobody judges their own). Every attempt is audited, with the
    /// decision's reason or the grain's refusal.
    /// </summary>
    private static async Task<IResult> DecideAsync(HttpContext http, AuditLog audit, string assessmentId, string action, string? evaluatorId, string reason,
        Access granted, Func<Task<AssessmentResult>> decide)
    {
        var userId = http.User.UserId()!;
        var refused = !IsEvaluator(http.User)
            ? Forbidden(AssessmentErrorCode.NotEvaluator, "evaluatorId", "only an evaluator or admin may take an evaluator's decision.")
            : NotCaller(evaluatorId, userId, "evaluatorId", "an evaluator decides in their own name.")
              ?? (granted == Access.Own ? Forbidden(AssessmentErrorCode.NotEvaluator, "evaluatorId", "an evaluator may not decide their own assessment.") : null);
        if (refused is not null)
        {
            await audit.RecordAsync(http, $"assessment.{action}", assessmentId, "forbidden");
            return refused;
        }
        var result = await decide();
        await audit.RecordAsync(http, $"assessment.{action}", assessmentId,
            result.Error is { } error ? AssessmentProblems.CodeOf(error.Code) : "ok", result.Error?.Message ?? reason);
        return ToResult(result);
    }

    /// <summary>
    /// Checks the id and the caller's access (hidden → 404, as for an unknown assessment) before reading the body, so a
    /// stranger learns nothing from a body's errors.
    /// </summary>
    private static async Task<(FieldReader? Fields, Access Granted, IResult? Problem)> ReadAsync(string assessmentId, HttpContext http, ResourceAccess access,
        CancellationToken cancellationToken)
    {
        if (!AssessmentIds.IsValid(assessmentId))
            return (null, Access.Hidden, AssessmentProblems.InvalidId(assessmentId));
        var granted = await access.AssessmentAsync(http.User, assessmentId);
        if (granted == Access.Hidden)
            return (null, granted, AssessmentProblems.UnknownAssessment(assessmentId));
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        return problem is not null ? (null, granted, problem) : (new FieldReader(body!), granted, null);
    }

    /// <summary>400 for a malformed id; 404 for an assessment the caller may not see, the same as for one that does not exist.</summary>
    private static async Task<IResult?> RefuseAsync(string assessmentId, ClaimsPrincipal caller, ResourceAccess access)
    {
        if (!AssessmentIds.IsValid(assessmentId))
            return AssessmentProblems.InvalidId(assessmentId);
        return await access.AssessmentAsync(caller, assessmentId) == Access.Hidden ? AssessmentProblems.UnknownAssessment(assessmentId) : null;
    }

    private static bool IsEvaluator(ClaimsPrincipal caller) => caller.Has(UserRole.Evaluator) || caller.Has(UserRole.Admin);

    /// <summary>403 when a body names someone other than the caller: identity comes from the token, a body may only repeat it.</summary>
    private static IResult? NotCaller(string? named, string userId, string field, string why) =>
        named is null || named == userId ? null
        : Forbidden(field == "evaluatorId" ? AssessmentErrorCode.NotEvaluator : AssessmentErrorCode.NotTrader, field, $"'{named}' is not you: {why}");

    /// <summary>403 for a trader's command by an evaluator or admin who may only read the assessment.</summary>
    private static IResult? NotOwner(Access granted, string action) =>
        granted == Access.Own ? null
        : Forbidden(AssessmentErrorCode.NotTrader, "traderId", $"only the assessment's trader may {action} it.");

    private static IResult Forbidden(AssessmentErrorCode code, string field, string message) =>
        AssessmentProblems.From(new AssessmentError(code, message, field));

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
