using Crucible.Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Crucible.Api.Identity;

/// <summary>The named authorization policies endpoints and hubs require (docs/identity.md "Roles").</summary>
public static class Policies
{
    /// <summary>Admins only: users, roles and the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>Evaluators, and admins (who may do anything an evaluator may): decisions on assessments, the evaluator feed.</summary>
    public const string Evaluator = "evaluator";

    public static AuthorizationBuilder AddCruciblePolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Caller.RoleName(UserRole.Admin)))
        .AddPolicy(Evaluator, p => p.RequireAuthenticatedUser().RequireRole(Caller.RoleName(UserRole.Evaluator), Caller.RoleName(UserRole.Admin)));
}
