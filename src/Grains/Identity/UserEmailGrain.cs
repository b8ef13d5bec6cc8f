using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

[GenerateSerializer, Alias("crucible.UserEmailState")]
public sealed class UserEmailState
{
    [Id(0)] public string? UserId { get; set; }
}

/// <summary>One normalized e-mail address and the user who holds it; the first claim wins.</summary>
public sealed class UserEmailGrain(
    [PersistentState("user-email", StorageNames.Default)] IPersistentState<UserEmailState> state) : Grain, IUserEmailGrain
{
    async Task<string> IUserEmailGrain.ClaimAsync(string userId)
    {
        if (state.State.UserId is { } holder) return holder;
        state.State.UserId = userId;
        await state.WriteStateAsync();
        return userId;
    }

    Task<string?> IUserEmailGrain.GetUserIdAsync() => Task.FromResult(state.State.UserId);
}
