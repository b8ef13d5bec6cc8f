using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

/// <summary>One paper account's owner, claimed before the account is opened.</summary>
public sealed class AccountOwnerGrain(
    [PersistentState("account-owner", StorageNames.Default)] IPersistentState<ClaimState> state) : ClaimOnceGrain(state), IAccountOwnerGrain
{
    Task<string> IAccountOwnerGrain.ClaimAsync(string userId) => ClaimAsync(userId);

    Task<string?> IAccountOwnerGrain.GetOwnerAsync() => HolderAsync();
}
