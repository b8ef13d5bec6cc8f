namespace Crucible.Grains.Interfaces.Identity;

/// <summary>
/// The index of users for admins, in 16 shards keyed by the first hex digit of the user id (<see cref="ShardOf"/>), so
/// a registration rewrites one sixteenth of the index, not all of it. Each shard keeps its ids in ordinal order, which
/// is the order admins page through.
/// </summary>
[Alias("crucible.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task AddAsync(string userId);

    /// <summary>At most <paramref name="limit"/> of this shard's ids, in ordinal order, each after <paramref name="after"/> (when given).</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync(string? after, int limit);

    public const string Shards = "0123456789abcdef";

    /// <summary>The shard of a user id (<c>u-</c> and 32 hex digits): its first hex digit.</summary>
    public static string ShardOf(string userId) =>
        userId.Length > 2 && Shards.Contains(char.ToLowerInvariant(userId[2])) ? char.ToLowerInvariant(userId[2]).ToString() : "0";
}
