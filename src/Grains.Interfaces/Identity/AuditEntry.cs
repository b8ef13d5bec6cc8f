namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// One security-relevant act (docs/identity.md "Audit log"): who (user id, or null when unknown), what (an action
/// such as <c>sign_in</c>, <c>sign_in_failed</c>, <c>api_key_created</c>, <c>roles_changed</c>, <c>assessment_failed</c>),
/// on what (the target id), when, from where (remote address) and how it ended.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string? UserId,
    [property: Id(2)] string Action,
    [property: Id(3)] string? Target,
    [property: Id(4)] string? RemoteAddress,
    [property: Id(5)] string Outcome,
    [property: Id(6)] string? Detail = null);
