namespace Crucible.Grains.Identity;

/// <summary>Who holds a name that can be taken once and never changes hands: an e-mail address, a paper account's id.</summary>
[GenerateSerializer, Alias("crucible.ClaimState")]
public sealed class ClaimState
{
    [Id(0)] public string? UserId { get; set; }
}

/// <summary>
/// The first claim wins; a later one learns who holds the name. Grain calls run one at a time, so two racing claims of
/// one name cannot both win.
/// </summary>
public abstract class ClaimOnceGrain(IPersistentState<ClaimState> state) : Grain
{
    protected async Task<string> ClaimAsync(string userId)
    {
        if (state.State.UserId is { } holder) return holder;
        state.State.UserId = userId;
        await state.WriteStateAsync();
        return userId;
    }

    protected Task<string?> HolderAsync() => Task.FromResult(state.State.UserId);
}
