namespace Crucible.Grains.Interfaces.Identity;

/// <summary>A key to store: who owns it, its name and the SHA-256 hash of its secret.</summary>
[GenerateSerializer, Immutable, Alias("crucible.NewApiKey")]
public sealed record NewApiKey(
    [property: Id(0)] string OwnerUserId,
    [property: Id(1)] string Name,
    [property: Id(2)] byte[] SecretHash,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>A key as its owner sees it: never the secret or its hash.</summary>
[GenerateSerializer, Immutable, Alias("crucible.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string OwnerUserId,
    [property: Id(2)] string Name,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? LastUsedAt,
    [property: Id(5)] DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>What a presented key turned out to be.</summary>
[GenerateSerializer, Alias("crucible.ApiKeyVerdict")]
public enum ApiKeyVerdict
{
    Accepted,

    /// <summary>No key has this id.</summary>
    Unknown,

    WrongSecret,

    Revoked,
}

/// <summary>The answer to a presented key: the verdict, the owner when accepted, and whether this use was recorded.</summary>
[GenerateSerializer, Immutable, Alias("crucible.ApiKeyCheck")]
public sealed record ApiKeyCheck(
    [property: Id(0)] ApiKeyVerdict Verdict,
    [property: Id(1)] string? OwnerUserId = null,
    [property: Id(2)] bool UseRecorded = false);
