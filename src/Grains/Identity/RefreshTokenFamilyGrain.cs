using System.Security.Cryptography;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

[GenerateSerializer, Alias("crucible.RefreshTokenFamilyState")]
public sealed class RefreshTokenFamilyState
{
    [Id(0)] public string? UserId { get; set; }

    [Id(1)] public byte[] CurrentHash { get; set; } = [];

    [Id(2)] public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Hashes of tokens already rotated away, newest last, at most <see cref="RefreshTokenFamilyGrain.SpentKept"/>.</summary>
    [Id(3)] public List<byte[]> Spent { get; set; } = [];

    [Id(4)] public DateTimeOffset? RevokedAt { get; set; }

    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One refresh-token family. Not reentrant on purpose: two refreshes with one token are serialized, so exactly one
/// rotates and the other is seen as reuse (which revokes the family, as OAuth 2.0 Security BCP §4.14 advises).
/// </summary>
public sealed class RefreshTokenFamilyGrain(
    [PersistentState("refresh-family", StorageNames.Default)] IPersistentState<RefreshTokenFamilyState> state) : Grain, IRefreshTokenFamilyGrain
{
    /// <summary>
    /// How many spent hashes are kept to recognise reuse: at one refresh per 15-minute access token, more than two days'
    /// worth. An older spent token is just refused, without revoking the family.
    /// </summary>
    public const int SpentKept = 256;

    async Task<bool> IRefreshTokenFamilyGrain.StartAsync(RefreshTokenStart start)
    {
        if (state.State.UserId is not null) return false;
        state.State.UserId = start.UserId;
        state.State.CurrentHash = start.SecretHash;
        state.State.ExpiresAt = start.ExpiresAt;
        state.State.CreatedAt = start.At;
        await state.WriteStateAsync();
        return true;
    }

    async Task<RefreshTokenOutcome> IRefreshTokenFamilyGrain.RotateAsync(RefreshTokenRotation rotation)
    {
        var s = state.State;
        if (s.UserId is null) return new(RefreshTokenStatus.Invalid, null);
        var current = CryptographicOperations.FixedTimeEquals(s.CurrentHash, rotation.PresentedHash);
        if (!current && !IsSpent(rotation.PresentedHash)) return new(RefreshTokenStatus.Invalid, null);
        if (s.RevokedAt is not null) return new(RefreshTokenStatus.Revoked, s.UserId);
        if (!current)
        {
            s.RevokedAt = rotation.At;
            await state.WriteStateAsync();
            return new(RefreshTokenStatus.ReuseDetected, s.UserId);
        }
        if (rotation.At >= s.ExpiresAt) return new(RefreshTokenStatus.Expired, s.UserId);

        s.Spent.Add(s.CurrentHash);
        if (s.Spent.Count > SpentKept) s.Spent.RemoveRange(0, s.Spent.Count - SpentKept);
        s.CurrentHash = rotation.NextHash;
        s.ExpiresAt = rotation.NextExpiresAt;
        await state.WriteStateAsync();
        return new(RefreshTokenStatus.Rotated, s.UserId);
    }

    async Task<string?> IRefreshTokenFamilyGrain.RevokeAsync(byte[] presentedHash, DateTimeOffset at)
    {
        var s = state.State;
        if (s.UserId is null) return null;
        if (!CryptographicOperations.FixedTimeEquals(s.CurrentHash, presentedHash) && !IsSpent(presentedHash)) return null;
        if (s.RevokedAt is null)
        {
            s.RevokedAt = at;
            await state.WriteStateAsync();
        }
        return s.UserId;
    }

    /// <summary>Every spent hash is compared, so the time taken says nothing about which one matched.</summary>
    private bool IsSpent(byte[] hash)
    {
        var found = false;
        foreach (var spent in state.State.Spent)
            found |= CryptographicOperations.FixedTimeEquals(spent, hash);
        return found;
    }
}
