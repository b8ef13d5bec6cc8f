using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

[GenerateSerializer, Alias("crucible.AccountOwnerState")]
public sealed class AccountOwnerState
{
    [Id(0)] public string? UserId { get; set; }
}

/// <summary>One paper account's owner; the first claim wins and never changes.</summary>
public sealed class AccountOwnerGrain(
    [PersistentState("account-owner", StorageNames.Default)] IPersistentState<AccountOwnerState> state) : Grain, IAccountOwnerGrain
{
    async Task<string> IAccountOwnerGrain.ClaimAsync(string userId)
    {
        if (state.State.UserId is { } holder) return holder;
        state.State.UserId = userId;
        await state.WriteStateAsync();
        return userId;
    }

    Task<string?> IAccountOwnerGrain.GetOwnerAsync() => Task.FromResult(state.State.UserId);
}
