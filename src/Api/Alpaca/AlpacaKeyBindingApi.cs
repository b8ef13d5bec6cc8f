using Crucible.Api.Identity;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Alpaca;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Alpaca;

/// <summary>What a key is bound to, and the account it trades now (an assessment's moves on from phase to phase).</summary>
public sealed record ApiKeyAccountView(string KeyId, string? AccountId, string? AssessmentId, DateTimeOffset? BoundAt, string? TradesAccountId);

/// <summary>
/// Binds an API key to the account it trades on the Alpaca surface: <c>PUT /api/v1/auth/keys/{keyId}/account</c> with
/// <c>{ accountId }</c> (a paper account) or <c>{ assessmentId }</c> (the assessment's current phase account, whichever
/// phase it is in). Like every key-management route, only a person signed in with an access token may do it, and only
/// for their own key and their own account (another user's answers 404).
/// </summary>
public static class AlpacaKeyBindingApi
{
    public static IEndpointRouteBuilder MapAlpacaKeyBindingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth/keys/{keyId}/account").WithTags("Identity").RequireAuthorization(ApiKeyAuthentication.PersonPolicy);
        group.MapGet("/", GetAsync).WithName("GetApiKeyAccount").WithSummary("The account an API key trades on /v2, and what it is bound to.")
            .Produces<ApiKeyAccountView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", BindAsync).WithName("BindApiKeyAccount")
            .WithSummary("Binds an API key to one of the caller's paper accounts ({ accountId }) or assessments ({ assessmentId }).")
            .Produces<ApiKeyAccountView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string keyId, HttpContext http, IClusterClient cluster, AlpacaAccounts accounts)
    {
        if (!await OwnsKeyAsync(http, cluster, keyId)) return NoSuchKey();
        var binding = await cluster.GetGrain<IApiKeyAccountGrain>(keyId).GetAsync();
        var principal = ApiKeyAuthentication.Principal(http.User.UserId()!, keyId);
        var trades = (await accounts.ResolveAsync(principal, null)).AccountId;
        return TypedResults.Ok(new ApiKeyAccountView(keyId, binding?.AccountId, binding?.AssessmentId, binding?.BoundAt, trades));
    }

    private static async Task<IResult> BindAsync(string keyId, HttpContext http, IClusterClient cluster, ResourceAccess access, TimeProvider time,
        AuditLog audit, CancellationToken cancellationToken)
    {
        // Whose key first: a stranger learns nothing from a body's errors.
        if (!await OwnsKeyAsync(http, cluster, keyId)) return NoSuchKey();
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var fields = new FieldReader(body!);
        var accountId = fields.String("accountId", 64);
        var assessmentId = fields.String("assessmentId", 128);
        fields.RejectUnknownFields();
        if (fields.Errors.Count == 0 && (accountId is null) == (assessmentId is null))
            fields.Error("body", "name exactly one of accountId and assessmentId.");
        if (fields.Errors.Count > 0) return TradingProblems.Validation(fields.Errors);

        var caller = http.User;
        if (accountId is not null && (!AccountId.IsValid(accountId) || await access.AccountAsync(caller, accountId) != Access.Own))
            return TradingProblems.UnknownAccount(accountId);
        if (assessmentId is not null && (await cluster.GetGrain<IAssessmentGrain>(assessmentId).GetAsync())?.TraderId != caller.UserId())
            return TypedResults.Problem(title: "Unknown assessment", detail: $"You have no assessment with the id '{assessmentId}'.",
                statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = "unknown_assessment" });

        var binding = new ApiKeyAccountBinding(accountId, assessmentId, time.GetUtcNow());
        await cluster.GetGrain<IApiKeyAccountGrain>(keyId).BindAsync(binding);
        await audit.RecordAsync(http, "api_key_bound", keyId, "success", accountId is not null ? $"account: {accountId}" : $"assessment: {assessmentId}");
        return await GetAsync(keyId, http, cluster, http.RequestServices.GetRequiredService<AlpacaAccounts>());
    }

    private static async Task<bool> OwnsKeyAsync(HttpContext http, IClusterClient cluster, string keyId) =>
        ApiKeyCredentials.IsKeyId(keyId) && (await cluster.GetGrain<IApiKeyGrain>(keyId).GetAsync()) is { Revoked: false } key
        && key.OwnerUserId == http.User.UserId();

    private static IResult NoSuchKey() =>
        TypedResults.Problem(title: "No such key", detail: "You have no API key with this id.", statusCode: StatusCodes.Status404NotFound);
}
