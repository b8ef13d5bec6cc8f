using System.Security.Cryptography;
using Crucible.Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Crucible.Api.Identity;

/// <summary>A refresh token as the API returns it.</summary>
public sealed record RefreshToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>What a refresh came to: the new token when it rotated, and whose family it was.</summary>
public sealed record RefreshResult(RefreshTokenStatus Status, string? UserId, RefreshToken? Next);

/// <summary>
/// Rotating refresh tokens (docs/identity.md "Sign in and tokens"): <c>{familyId}.{secret}</c>, a 128-bit family id and a
/// 256-bit secret. Only the secret's SHA-256 reaches the family grain: the secret is random, so a fast hash is enough,
/// and a copy of grain storage holds nothing that refreshes.
/// </summary>
public sealed class RefreshTokens(IClusterClient cluster, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Starts a new family for a sign-in and returns its first token.</summary>
    public async Task<RefreshToken> StartAsync(string userId)
    {
        var now = time.GetUtcNow();
        var familyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var (secret, hash) = NewSecret();
        var expires = now + options.Value.RefreshTokenLifetime;
        if (!await cluster.GetGrain<IRefreshTokenFamilyGrain>(familyId).StartAsync(new RefreshTokenStart(userId, hash, now, expires)))
            throw new InvalidOperationException("A random 128-bit refresh-token family id collided.");
        return new RefreshToken($"{familyId}.{secret}", expires);
    }

    public async Task<RefreshResult> RotateAsync(string token)
    {
        if (Parse(token) is not var (familyId, presented)) return new(RefreshTokenStatus.Invalid, null, null);
        var now = time.GetUtcNow();
        var (secret, hash) = NewSecret();
        var expires = now + options.Value.RefreshTokenLifetime;
        var outcome = await cluster.GetGrain<IRefreshTokenFamilyGrain>(familyId).RotateAsync(new RefreshTokenRotation(presented, hash, now, expires));
        return new(outcome.Status, outcome.UserId,
            outcome.Status == RefreshTokenStatus.Rotated ? new RefreshToken($"{familyId}.{secret}", expires) : null);
    }

    /// <summary>Revokes the token's family; the user id when the token was one of the family's, else null.</summary>
    public async Task<string?> RevokeAsync(string token) =>
        Parse(token) is var (familyId, presented)
            ? await cluster.GetGrain<IRefreshTokenFamilyGrain>(familyId).RevokeAsync(presented, time.GetUtcNow())
            : null;

    /// <summary>The family id of a well-formed token, for the audit log.</summary>
    public static string? FamilyOf(string token) => Parse(token)?.FamilyId;

    private static (string FamilyId, byte[] SecretHash)? Parse(string token)
    {
        var dot = token.IndexOf('.');
        if (dot != 32 || token.Length > 128) return null;
        var familyId = token[..dot];
        if (!familyId.All(char.IsAsciiHexDigitLower)) return null;
        var secret = token[(dot + 1)..];
        return secret.Length == 0 ? null : (familyId, Secrets.Hash(secret));
    }

    private static (string Secret, byte[] Hash) NewSecret()
    {
        var secret = Secrets.New();
        return (secret, Secrets.Hash(secret));
    }
}
