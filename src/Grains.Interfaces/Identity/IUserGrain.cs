namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// One per user (key: the user id, "u-" and 32 hex digits): profile, roles, credentials and what the user owns. Its
/// state is in grain storage, so in durable mode users survive restarts.
/// </summary>
[Alias("crucible.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user; false when this id already holds one (nothing changes).</summary>
    [Alias("Create")]
    Task<bool> CreateAsync(NewUser user);

    /// <summary>The profile, or null when no user has this id.</summary>
    [Alias("GetProfile")]
    Task<UserProfile?> GetProfileAsync();

    /// <summary>The credentials for a sign-in, or null when no user has this id.</summary>
    [Alias("GetCredentials")]
    Task<UserCredentials?> GetCredentialsAsync();

    /// <summary>Counts a failed sign-in (locking the user out after too many in a row) or clears the count.</summary>
    [Alias("RecordSignIn")]
    Task<SignInState> RecordSignInAsync(SignInAttempt attempt);

    /// <summary>Replaces the user's roles (an admin's decision); trader is always kept.</summary>
    [Alias("SetRoles")]
    Task<UserProfile?> SetRolesAsync(IReadOnlyList<UserRole> roles);

    /// <summary>Paper accounts this user opened.</summary>
    [Alias("GetAccounts")]
    Task<IReadOnlyList<string>> GetAccountsAsync();

    [Alias("AddAccount")]
    Task AddAccountAsync(string accountId);

    // API keys (docs/identity.md "API keys"): each key lives in its own IApiKeyGrain; the user keeps the ids.

    /// <summary>Ids of this user's API keys, revoked ones included, oldest first.</summary>
    [Alias("GetApiKeys")]
    Task<IReadOnlyList<string>> GetApiKeysAsync();

    /// <summary>Adds a key id; false when the user has <see cref="MaxApiKeys"/> already (nothing changes).</summary>
    [Alias("AddApiKey")]
    Task<bool> AddApiKeyAsync(string keyId);

    /// <summary>How many keys one user may ever hold, revoked ones included: each is a stored grain.</summary>
    const int MaxApiKeys = 50;
}
