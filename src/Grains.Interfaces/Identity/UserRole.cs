namespace Crucible.Grains.Interfaces.Identity;

/// <summary>What a user may do (docs/identity.md "Roles"): every user trades their own accounts; evaluators read and decide every assessment; admins manage users and roles.</summary>
[GenerateSerializer, Alias("crucible.UserRole")]
public enum UserRole
{
    Trader,
    Evaluator,
    Admin,
}
