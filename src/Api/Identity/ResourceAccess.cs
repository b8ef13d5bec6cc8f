using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Identity;

/// <summary>What a caller may reach, decided here only (docs/identity.md "Roles").</summary>
public enum Access
{
    /// <summary>No such resource, or not the caller's: answered 404, so a stranger cannot tell which ids exist.</summary>
    Hidden,

    /// <summary>The caller may read it (an evaluator or admin reading another's resource).</summary>
    Read,

    /// <summary>The caller owns it and may act on it.</summary>
    Own,
}

/// <summary>
/// Who owns an account or an assessment, and so what a caller may do with it. A paper account belongs to the user who
/// opened it (its <see cref="IAccountOwnerGrain"/>); an assessment, and every account of its phases, to the trader who bought it.
/// Owners never change, so answers are cached for the life of the host.
/// </summary>
public sealed partial class ResourceAccess(IClusterClient cluster)
{
    private readonly ConcurrentDictionary<string, string?> owners = new(StringComparer.Ordinal);

    public async Task<Access> AccountAsync(ClaimsPrincipal caller, string accountId)
    {
        if (caller.UserId() is not { } userId) return Access.Hidden;
        var owner = await AccountOwnerAsync(accountId);
        return Decide(caller, userId, owner);
    }

    public async Task<Access> AssessmentAsync(ClaimsPrincipal caller, string assessmentId)
    {
        if (caller.UserId() is not { } userId) return Access.Hidden;
        var owner = await AssessmentOwnerAsync(assessmentId);
        return Decide(caller, userId, owner);
    }

    /// <summary>Evaluators and admins read everything; an owner owns; anyone else sees nothing.</summary>
    private static Access Decide(ClaimsPrincipal caller, string userId, string? owner) =>
        owner is null ? Access.Hidden
        : owner == userId ? Access.Own
        : caller.Has(UserRole.Evaluator) || caller.Has(UserRole.Admin) ? Access.Read
        : Access.Hidden;

    /// <summary>The owner of an account, or null when it has none (or does not exist).</summary>
    public async Task<string?> AccountOwnerAsync(string accountId)
    {
        if (owners.TryGetValue(accountId, out var known) && known is not null) return known;
        var owner = AssessmentIds.IsReserved(accountId)
            ? AssessmentOfAccount(accountId) is { } assessmentId ? await AssessmentOwnerAsync(assessmentId) : null
            : await cluster.GetGrain<IAccountOwnerGrain>(accountId).GetOwnerAsync();
        if (owner is not null) owners[accountId] = owner;
        return owner;
    }

    public async Task<string?> AssessmentOwnerAsync(string assessmentId)
    {
        if (owners.TryGetValue(assessmentId, out var known) && known is not null) return known;
        var owner = (await cluster.GetGrain<IAssessmentGrain>(assessmentId).GetAsync())?.TraderId;
        if (owner is not null) owners[assessmentId] = owner;
        return owner;
    }

    /// <summary>The assessment an account of one of its phases belongs to: <c>{assessment}-a{n}-p{k}</c> or <c>-a{n}-funded</c>.</summary>
    public static string? AssessmentOfAccount(string accountId)
    {
        var match = PhaseAccountSuffix().Match(accountId);
        return match.Success ? accountId[..match.Index] : null;
    }

    [GeneratedRegex(@"-a\d+-(p\d+|funded)$")]
    private static partial Regex PhaseAccountSuffix();
}
