namespace Crucible.Api.Identity;

/// <summary>
/// Names of the authorization policies IdentityHostingExtensions registers (docs/identity.md "Roles"), for
/// <c>RequireAuthorization(Policies.Admin)</c> on endpoints and hubs.
/// </summary>
public static class Policies
{
    /// <summary>Admins only: users, roles and the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>Evaluators, and admins (who may do whatever an evaluator may).</summary>
    public const string Evaluator = "evaluator";
}
