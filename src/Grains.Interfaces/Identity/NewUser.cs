namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// A registration as the user grain stores it. The password arrives already hashed: hashing is deliberately slow, so
/// the API host does it on its own threads, never on a silo's scheduler.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.NewUser")]
public sealed record NewUser(
    [property: Id(0)] string Email,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] IReadOnlyList<UserRole> Roles,
    [property: Id(4)] DateTimeOffset At);
