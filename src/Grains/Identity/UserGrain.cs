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

    async Task<bool> IUserGrain.BeginTwoFactorAsync(string totpSecret)
    {
        if (state.State.Profile is not { TwoFactorEnabled: false }) return false;
        state.State.PendingTotpSecret = totpSecret;
        await state.WriteStateAsync();
        return true;
    }

    async Task<TwoFactorEnrolment> IUserGrain.ConfirmTwoFactorAsync(string totpCode, IReadOnlyList<byte[]> recoveryCodeHashes, DateTimeOffset at)
    {
        var s = state.State;
        if (s.Profile is not { } profile) return TwoFactorEnrolment.UnknownUser;
        if (profile.TwoFactorEnabled) return TwoFactorEnrolment.AlreadyEnabled;
        if (s.PendingTotpSecret is not { } pending) return TwoFactorEnrolment.NothingPending;
        // A new secret: codes of an earlier one say nothing about which of its steps were used.
        if (SecondFactorCheck.MatchTotp(pending, totpCode, at, lastUsedStep: 0) is not { } step) return TwoFactorEnrolment.WrongCode;
        s.TotpSecret = pending;
        s.PendingTotpSecret = null;
        s.LastTotpStep = step;
        s.RecoveryCodeHashes = [.. recoveryCodeHashes];
        s.Profile = profile with { TwoFactorEnabled = true };
        await state.WriteStateAsync();
        return TwoFactorEnrolment.Enabled;
    }

    Task<SecondFactorResult> IUserGrain.VerifySecondFactorAsync(SecondFactorProof proof) => CheckSecondFactorAsync(proof, disable: false);

    Task<SecondFactorResult> IUserGrain.DisableTwoFactorAsync(SecondFactorProof proof) => CheckSecondFactorAsync(proof, disable: true);

    /// <summary>Checks, spends and (when asked) turns off the second factor in one turn, so a code can never be spent twice.</summary>
    private async Task<SecondFactorResult> CheckSecondFactorAsync(SecondFactorProof proof, bool disable)
    {
        var s = state.State;
        if (s.Profile is not { TwoFactorEnabled: true } profile || s.TotpSecret is not { } secret)
            return Result(SecondFactorVerdict.NotEnabled);
        if (s.LockedUntil is { } locked && locked > proof.At) return Result(SecondFactorVerdict.LockedOut);

        var verdict = SecondFactorVerdict.Accepted;
        if (SecondFactorCheck.MatchTotp(secret, proof.TotpCode, proof.At, s.LastTotpStep) is { } step)
            s.LastTotpStep = step;
        else if (SecondFactorCheck.IndexOfRecoveryCode(s.RecoveryCodeHashes, proof.RecoveryCodeHash) is var index and >= 0)
            s.RecoveryCodeHashes.RemoveAt(index);
        else
        {
            (s.ConsecutiveFailures, s.LockedUntil) = SignInLockout.After(false, s.ConsecutiveFailures, s.LockedUntil, proof.At);
            verdict = s.LockedUntil is { } until && until > proof.At ? SecondFactorVerdict.LockedOut : SecondFactorVerdict.Rejected;
        }
        if (verdict == SecondFactorVerdict.Accepted && disable)
        {
            s.TotpSecret = null;
            s.RecoveryCodeHashes = [];
            s.Profile = profile with { TwoFactorEnabled = false };
        }
        await state.WriteStateAsync();
        return Result(verdict);
    }

    private SecondFactorResult Result(SecondFactorVerdict verdict) =>
        new(verdict, new SignInState(state.State.LockedUntil, state.State.ConsecutiveFailures), state.State.RecoveryCodeHashes.Count);
}
