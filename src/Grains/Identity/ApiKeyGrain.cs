using System.Security.Cryptography;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

[GenerateSerializer, Alias("crucible.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public string? OwnerUserId { get; set; }

    [Id(1)] public string Name { get; set; } = "";

    [Id(2)] public byte[] SecretHash { get; set; } = [];

    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    [Id(4)] public DateTimeOffset? LastUsedAt { get; set; }

    [Id(5)] public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// One API key. Not reentrant: a revoke and a check never interleave, so once <see cref="IApiKeyGrain.RevokeAsync"/>
/// returns, no later check accepts the key.
/// </summary>
public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.Default)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    /// <summary>Last-used is written at most this often: a bot sending 50 orders a second must not write 50 times.</summary>
    public static readonly TimeSpan UseRecordingPeriod = TimeSpan.FromMinutes(1);

    async Task<bool> IApiKeyGrain.CreateAsync(NewApiKey key)
    {
        if (state.State.OwnerUserId is not null) return false;
        state.State.OwnerUserId = key.OwnerUserId;
        state.State.Name = key.Name;
        state.State.SecretHash = key.SecretHash;
        state.State.CreatedAt = key.CreatedAt;
        await state.WriteStateAsync();
        return true;
    }

    Task<ApiKeyInfo?> IApiKeyGrain.GetAsync() => Task.FromResult(Info());

    async Task<ApiKeyCheck> IApiKeyGrain.VerifyAsync(byte[] secretHash, DateTimeOffset at)
    {
        var s = state.State;
        if (s.OwnerUserId is null) return new ApiKeyCheck(ApiKeyVerdict.Unknown);
        // Constant time: how long the comparison takes says nothing about how much of the hash matched.
        if (!CryptographicOperations.FixedTimeEquals(secretHash, s.SecretHash)) return new ApiKeyCheck(ApiKeyVerdict.WrongSecret);
        if (s.RevokedAt is not null) return new ApiKeyCheck(ApiKeyVerdict.Revoked);
        var record = s.LastUsedAt is not { } last || at - last >= UseRecordingPeriod;
        if (record)
        {
            s.LastUsedAt = at;
            await state.WriteStateAsync();
        }
        return new ApiKeyCheck(ApiKeyVerdict.Accepted, s.OwnerUserId, record);
    }

    async Task<bool> IApiKeyGrain.RevokeAsync(string userId, DateTimeOffset at)
    {
        if (state.State.OwnerUserId != userId) return false;
        if (state.State.RevokedAt is not null) return true;
        state.State.RevokedAt = at;
        await state.WriteStateAsync();
        return true;
    }

    private ApiKeyInfo? Info() => state.State is { OwnerUserId: { } owner } s
        ? new ApiKeyInfo(this.GetPrimaryKeyString(), owner, s.Name, s.CreatedAt, s.LastUsedAt, s.RevokedAt)
        : null;
}
