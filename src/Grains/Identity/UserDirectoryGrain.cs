using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

[GenerateSerializer, Alias("crucible.UserDirectoryState")]
public sealed class UserDirectoryState
{
    /// <summary>User ids in ordinal order, without duplicates.</summary>
    [Id(0)] public List<string> UserIds { get; set; } = [];
}

/// <summary>One shard of the user index: a sorted list, so a page is a binary search and a slice.</summary>
public sealed class UserDirectoryGrain(
    [PersistentState("user-directory", StorageNames.Default)] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    async Task IUserDirectoryGrain.AddAsync(string userId)
    {
        var ids = state.State.UserIds;
        var at = ids.BinarySearch(userId, StringComparer.Ordinal);
        if (at >= 0) return;
        ids.Insert(~at, userId);
        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<string>> IUserDirectoryGrain.ListAsync(string? after, int limit)
    {
        var ids = state.State.UserIds;
        var start = 0;
        if (after is not null)
        {
            var at = ids.BinarySearch(after, StringComparer.Ordinal);
            start = at >= 0 ? at + 1 : ~at;
        }
        var count = Math.Clamp(limit, 0, ids.Count - start);
        return Task.FromResult<IReadOnlyList<string>>(ids.GetRange(start, count));
    }
}
