using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

/// <summary>One user: profile, roles, password hash, lockout and owned paper accounts, in grain storage.</summary>
public sealed class UserGrain(
    [PersistentState("user", StorageNames.Default)] IPersistentState<UserGrainState> state) : Grain, IUserGrain
{
    async Task<bool> IUserGrain.CreateAsync(NewUser user)
    {
        if (state.State.Profile is not null) return false;
        var roles = user.Roles.Append(UserRole.Trader).Distinct().Order().ToList();
        state.State.Profile = new UserProfile(this.GetPrimaryKeyString(), user.Email, user.DisplayName, roles, user.At);
        state.State.PasswordHash = user.PasswordHash;
        await state.WriteStateAsync();
        return true;
    }

    Task<UserProfile?> IUserGrain.GetProfileAsync() => Task.FromResult(state.State.Profile);

    Task<UserCredentials?> IUserGrain.GetCredentialsAsync() => Task.FromResult(
        state.State.Profile is { } profile ? new UserCredentials(profile, state.State.PasswordHash, state.State.LockedUntil) : null);

    async Task<SignInState> IUserGrain.RecordSignInAsync(SignInAttempt attempt)
    {
        var s = state.State;
        (s.ConsecutiveFailures, s.LockedUntil) = SignInLockout.After(attempt.Succeeded, s.ConsecutiveFailures, s.LockedUntil, attempt.At);
        if (attempt.Succeeded && attempt.RehashedPassword is { } rehashed) s.PasswordHash = rehashed;
        await state.WriteStateAsync();
        return new SignInState(s.LockedUntil, s.ConsecutiveFailures);
    }

    async Task<UserProfile?> IUserGrain.SetRolesAsync(IReadOnlyList<UserRole> roles)
    {
        if (state.State.Profile is not { } profile) return null;
        state.State.Profile = profile with { Roles = roles.Append(UserRole.Trader).Distinct().Order().ToList() };
        await state.WriteStateAsync();
        return state.State.Profile;
    }

    Task<IReadOnlyList<string>> IUserGrain.GetAccountsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Accounts]);

    async Task IUserGrain.AddAccountAsync(string accountId)
    {
        if (state.State.Accounts.Contains(accountId)) return;
        state.State.Accounts.Add(accountId);
        await state.WriteStateAsync();
    }

    // API keys: the ids only; each key's state is in its IApiKeyGrain.
    Task<IReadOnlyList<string>> IUserGrain.GetApiKeysAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.ApiKeys]);

    async Task<bool> IUserGrain.AddApiKeyAsync(string keyId)
    {
        if (state.State.ApiKeys.Contains(keyId)) return true;
        if (state.State.ApiKeys.Count >= IUserGrain.MaxApiKeys) return false;
        state.State.ApiKeys.Add(keyId);
        await state.WriteStateAsync();
        return true;
    }
}
