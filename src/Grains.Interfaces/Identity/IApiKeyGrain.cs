namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// One API key (key: the key id, <c>CK</c> and 18 uppercase letters or digits): its owner, name, the SHA-256 hash of its
/// secret (never the secret), when it was made, last used and revoked. The owner's <see cref="IUserGrain"/> lists its ids.
/// </summary>
[Alias("crucible.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores a new key; false when this id already holds one (nothing changes; the caller draws another id).</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(NewApiKey key);

    /// <summary>The key as its owner may see it, or null when no key has this id.</summary>
    [Alias("Get")]
    Task<ApiKeyInfo?> GetAsync();

    /// <summary>
    /// Checks a presented secret's hash against the stored one (in constant time) and, when it matches, notes the use at
    /// most once a minute (<see cref="ApiKeyCheck.UseRecorded"/> says when it did, so the caller audits that use).
    /// </summary>
    [Alias("Verify")]
    Task<ApiKeyCheck> VerifyAsync(byte[] secretHash, DateTimeOffset at);

    /// <summary>Revokes the key for good when <paramref name="userId"/> owns it; false when it does not (or no such key).</summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync(string userId, DateTimeOffset at);
}
