namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// Who owns a paper account (key: the account id): claimed once by the user who opens it, before the account is
/// opened, so an account id can never change hands. Assessment accounts belong to their assessment's trader instead.
/// </summary>
[Alias("crucible.IAccountOwnerGrain")]
public interface IAccountOwnerGrain : IGrainWithStringKey
{
    /// <summary>Claims the account for <paramref name="userId"/>; returns who holds it (another user when it was taken).</summary>
    [Alias("Claim")]
    Task<string> ClaimAsync(string userId);

    [Alias("GetOwner")]
    Task<string?> GetOwnerAsync();
}
