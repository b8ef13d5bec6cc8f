using System.Security.Claims;
using Crucible.Api.Identity;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Alpaca;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Alpaca;

/// <summary>The account an Alpaca request trades, or why there is none.</summary>
public sealed record AlpacaAccount(string? AccountId, int Status = 0, string? Refusal = null)
{
    public IResult Refused() => AlpacaErrors.Result(Status, Refusal!);
}

/// <summary>
/// Which account an Alpaca request trades (docs/alpaca.md "Which account a key trades"). Alpaca's API names no account,
/// so, in order: the <c>Crucible-Account-Id</c> header when the caller sends one; else the caller's API key's binding
/// (a paper account, or an assessment's current phase account); else the caller's only account (one paper account or
/// one active assessment). Only the owner trades an account here: evaluators read through <c>/api/v1</c>.
/// </summary>
public sealed class AlpacaAccounts(IClusterClient cluster, ResourceAccess access)
{
    public const string AccountHeader = "Crucible-Account-Id";

    public Task<AlpacaAccount> ResolveAsync(HttpContext http) =>
        ResolveAsync(http.User, http.Request.Headers[AccountHeader] is { Count: 1 } header ? header[0] : null);

    public async Task<AlpacaAccount> ResolveAsync(ClaimsPrincipal caller, string? requested)
    {
        if (caller.UserId() is not { } userId)
            return new(null, StatusCodes.Status401Unauthorized, "request is not authorized");
        if (requested is not null)
            return await OwnedAsync(caller, requested, $"{AccountHeader}: no account '{requested}' of yours");

        if (caller.ApiKeyId() is { } keyId && await cluster.GetGrain<IApiKeyAccountGrain>(keyId).GetAsync() is { } binding)
        {
            if (binding.AccountId is { } bound)
                return await OwnedAsync(caller, bound, $"the account '{bound}' this key is bound to is not yours");
            var assessment = await cluster.GetGrain<IAssessmentGrain>(binding.AssessmentId!).GetAsync();
            return assessment?.TraderId == userId && assessment.CurrentAccountId is { } current
                ? new(current)
                : new(null, StatusCodes.Status403Forbidden, $"the assessment '{binding.AssessmentId}' this key is bound to has no account to trade now");
        }

        var candidates = await CandidatesAsync(userId);
        return candidates.Count switch
        {
            1 => new(candidates[0]),
            0 => new(null, StatusCodes.Status403Forbidden, "you have no account to trade: open a paper account or buy a challenge first"),
            _ => new(null, StatusCodes.Status403Forbidden,
                $"you have {candidates.Count} accounts: bind this API key to one (PUT /api/v1/auth/keys/{{keyId}}/account) or send {AccountHeader}"),
        };
    }

    /// <summary>The caller's paper accounts and the current accounts of their active assessments.</summary>
    public async Task<IReadOnlyList<string>> CandidatesAsync(string userId)
    {
        var paper = await cluster.GetGrain<IUserGrain>(userId).GetAccountsAsync();
        var assessments = await cluster.GetGrain<ITraderAssessmentsGrain>(userId).ListAsync(new AssessmentQuery(Status: AssessmentStatus.Active, Limit: 100));
        var funded = await cluster.GetGrain<ITraderAssessmentsGrain>(userId).ListAsync(new AssessmentQuery(Status: AssessmentStatus.Funded, Limit: 100));
        return [.. paper, .. assessments.Concat(funded).Select(a => a.CurrentAccountId).OfType<string>()];
    }

    private async Task<AlpacaAccount> OwnedAsync(ClaimsPrincipal caller, string accountId, string refusal) =>
        AccountId.IsValid(accountId) && await access.AccountAsync(caller, accountId) == Access.Own
            ? new(accountId)
            : new(null, StatusCodes.Status404NotFound, refusal);
}
