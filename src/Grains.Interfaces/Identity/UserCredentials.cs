namespace Crucible.Grains.Interfaces.Identity;

/// <summary>What sign-in needs from the user grain: the password hash to verify and whether the account is locked.</summary>
[GenerateSerializer, Immutable, Alias("crucible.UserCredentials")]
public sealed record UserCredentials(
    [property: Id(0)] UserProfile Profile,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] DateTimeOffset? LockedUntil);
