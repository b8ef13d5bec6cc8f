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

    /// <summary>
    /// Keeps a new TOTP secret (base32) until a code from it is confirmed, replacing any earlier unconfirmed one; false
    /// when the second factor is already on or no user has this id.
    /// </summary>
    [Alias("BeginTwoFactor")]
    Task<bool> BeginTwoFactorAsync(string totpSecret);

    /// <summary>Turns the second factor on when <paramref name="totpCode"/> matches the pending secret, keeping the recovery codes' hashes.</summary>
    [Alias("ConfirmTwoFactor")]
    Task<TwoFactorEnrolment> ConfirmTwoFactorAsync(string totpCode, IReadOnlyList<byte[]> recoveryCodeHashes, DateTimeOffset at);

    /// <summary>Checks and spends a second factor at sign-in; a wrong one counts toward lockout like a wrong password.</summary>
    [Alias("VerifySecondFactor")]
    Task<SecondFactorResult> VerifySecondFactorAsync(SecondFactorProof proof);

    /// <summary>Turns the second factor off when the proof is good (checked and counted as in <see cref="VerifySecondFactorAsync"/>).</summary>
    [Alias("DisableTwoFactor")]
    Task<SecondFactorResult> DisableTwoFactorAsync(SecondFactorProof proof);
}
