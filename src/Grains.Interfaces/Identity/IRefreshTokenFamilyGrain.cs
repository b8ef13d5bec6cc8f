namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// One sign-in's chain of refresh tokens (key: the family id, 32 hex digits), docs/identity.md "Sign in and tokens".
/// A refresh token is <c>{familyId}.{secret}</c>; the grain keeps only SHA-256 hashes of secrets. Each refresh spends the
/// current token and makes the next one current; presenting a spent token again means it was stolen (or replayed), so
/// the whole family is revoked and its current token stops working too.
/// </summary>
[Alias("crucible.IRefreshTokenFamilyGrain")]
public interface IRefreshTokenFamilyGrain : IGrainWithStringKey
{
    /// <summary>Starts the family with its first token; false when this id already holds one (nothing changes).</summary>
    [Alias("Start")]
    Task<bool> StartAsync(RefreshTokenStart start);

    /// <summary>Spends the presented token and makes <see cref="RefreshTokenRotation.NextHash"/> current, if the presented one is current.</summary>
    [Alias("Rotate")]
    Task<RefreshTokenOutcome> RotateAsync(RefreshTokenRotation rotation);

    /// <summary>Revokes the family (sign-out) when the presented hash is one of its tokens, current or spent; returns its user id then, else null.</summary>
    [Alias("Revoke")]
    Task<string?> RevokeAsync(byte[] presentedHash, DateTimeOffset at);
}

[GenerateSerializer, Immutable, Alias("crucible.RefreshTokenStart")]
public sealed record RefreshTokenStart(
    [property: Id(0)] string UserId,
    [property: Id(1)] byte[] SecretHash,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset ExpiresAt);

[GenerateSerializer, Immutable, Alias("crucible.RefreshTokenRotation")]
public sealed record RefreshTokenRotation(
    [property: Id(0)] byte[] PresentedHash,
    [property: Id(1)] byte[] NextHash,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateTimeOffset NextExpiresAt);

[GenerateSerializer, Alias("crucible.RefreshTokenStatus")]
public enum RefreshTokenStatus
{
    /// <summary>The presented token was current: it is spent and the next one is current.</summary>
    Rotated,

    /// <summary>The presented token was already spent: the family is now revoked.</summary>
    ReuseDetected,

    /// <summary>The family was revoked before (sign-out or an earlier reuse).</summary>
    Revoked,

    Expired,

    /// <summary>No such family, or a secret that was never one of its tokens.</summary>
    Invalid,
}

/// <summary>What a rotation did, and whose family it is (null when <see cref="RefreshTokenStatus.Invalid"/>).</summary>
[GenerateSerializer, Immutable, Alias("crucible.RefreshTokenOutcome")]
public sealed record RefreshTokenOutcome(
    [property: Id(0)] RefreshTokenStatus Status,
    [property: Id(1)] string? UserId);
