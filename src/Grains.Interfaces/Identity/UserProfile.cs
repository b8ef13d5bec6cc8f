namespace Crucible.Grains.Interfaces.Identity;

/// <summary>A user as others may see them: never the password hash or any secret.</summary>
[GenerateSerializer, Immutable, Alias("crucible.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string? DisplayName,
    [property: Id(3)] IReadOnlyList<UserRole> Roles,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool TwoFactorEnabled = false)
{
    public bool Has(UserRole role) => Roles.Contains(role);
}
