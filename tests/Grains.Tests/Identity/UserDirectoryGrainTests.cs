using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Tests.Identity;

[Collection(ClusterCollection.Name)]
public sealed class UserDirectoryGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_shard_keeps_ids_once_in_ordinal_order_and_pages_after_a_cursor()
    {
        var shard = fixture.Client.GetGrain<IUserDirectoryGrain>($"test-{Guid.NewGuid():N}");
        foreach (var id in new[] { "u-c", "u-a", "u-d", "u-b", "u-a" })
            await shard.AddAsync(id);

        Assert.Equal(["u-a", "u-b"], await shard.ListAsync(null, 2));
        Assert.Equal(["u-c", "u-d"], await shard.ListAsync("u-b", 5));
        Assert.Equal(["u-c", "u-d"], await shard.ListAsync("u-bb", 5));
        Assert.Empty(await shard.ListAsync("u-d", 5));
    }

    [Theory]
    [InlineData("u-0123", "0")]
    [InlineData("u-F00d", "f")]
    [InlineData("x", "0")]
    public void A_user_id_belongs_to_the_shard_of_its_first_hex_digit(string userId, string shard) =>
        Assert.Equal(shard, IUserDirectoryGrain.ShardOf(userId));
}
