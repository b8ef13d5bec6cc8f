namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// The index from an e-mail address to its user: one grain per normalized address (trimmed, upper-cased), so two
/// registrations of one address, in any case, race on one grain and only the first gets it.
/// </summary>
[Alias("crucible.IUserEmailGrain")]
public interface IUserEmailGrain : IGrainWithStringKey
{
    /// <summary>Takes the address for <paramref name="userId"/>; returns the user id that holds it (another's when it was taken).</summary>
    [Alias("Claim")]
    Task<string> ClaimAsync(string userId);

    /// <summary>The user id holding this address, or null.</summary>
    [Alias("GetUserId")]
    Task<string?> GetUserIdAsync();

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
