using System.Security.Claims;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Identity;

/// <summary>Who is calling, read from the authenticated principal (access token or API key): the claims TokenService writes.</summary>
public static class Caller
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string EmailClaim = "email";

    /// <summary>The caller's user id, or null for an anonymous caller.</summary>
    public static string? UserId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(SubjectClaim) : null;

    public static bool Has(this ClaimsPrincipal principal, UserRole role) => principal.IsInRole(RoleName(role));

    public static string RoleName(UserRole role) => role.ToString().ToLowerInvariant();
}
