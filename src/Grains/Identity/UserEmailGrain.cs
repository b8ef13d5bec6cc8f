using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

/// <summary>One normalized e-mail address and the user who holds it.</summary>
public sealed class UserEmailGrain(
    [PersistentState("user-email", StorageNames.Default)] IPersistentState<ClaimState> state) : ClaimOnceGrain(state), IUserEmailGrain
{
    Task<string> IUserEmailGrain.ClaimAsync(string userId) => ClaimAsync(userId);

    Task<string?> IUserEmailGrain.GetUserIdAsync() => HolderAsync();
}
