using Crucible.Api.Identity;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Tests.Identity;

/// <summary>The API key grain's contract, through the host's cluster client, with the times given explicitly.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyGrainTests(CrucibleApiFactory factory)
{
    private readonly IClusterClient cluster = factory.Services.GetRequiredService<IClusterClient>();
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    private async Task<(IApiKeyGrain Key, byte[] Hash)> NewKeyAsync(string owner = "u-owner")
    {
        var hash = Secrets.Hash(Secrets.New());
        var key = cluster.GetGrain<IApiKeyGrain>(ApiKeyCredentials.NewKeyId());
        Assert.True(await key.CreateAsync(new NewApiKey(owner, "bot", hash, T0)));
        return (key, hash);
    }

    [Fact]
    public async Task A_key_is_created_once_and_shows_no_hash()
    {
        var (key, hash) = await NewKeyAsync();

        Assert.False(await key.CreateAsync(new NewApiKey("u-thief", "mine now", hash, T0)));
        Assert.Equal(("u-owner", "bot", T0, (DateTimeOffset?)null, false), (await key.GetAsync()) is { } k ? (k.OwnerUserId, k.Name, k.CreatedAt, k.LastUsedAt, k.Revoked) : default);
    }

    [Fact]
    public async Task Verify_tells_unknown_wrong_revoked_and_accepted_apart()
    {
        var (key, hash) = await NewKeyAsync();
        var other = Secrets.Hash(Secrets.New());

        Assert.Equal(ApiKeyVerdict.Unknown, (await cluster.GetGrain<IApiKeyGrain>(ApiKeyCredentials.NewKeyId()).VerifyAsync(hash, T0)).Verdict);
        Assert.Equal(ApiKeyVerdict.WrongSecret, (await key.VerifyAsync(other, T0)).Verdict);
        Assert.Equal(ApiKeyVerdict.WrongSecret, (await key.VerifyAsync([], T0)).Verdict);
        Assert.Equal(new ApiKeyCheck(ApiKeyVerdict.Accepted, "u-owner", true), await key.VerifyAsync(hash, T0));
        Assert.True(await key.RevokeAsync("u-owner", T0.AddSeconds(1)));
        Assert.Equal(ApiKeyVerdict.Revoked, (await key.VerifyAsync(hash, T0.AddSeconds(2))).Verdict);
        // A wrong secret stays a wrong secret after a revoke: the revocation is told only to someone who holds the key.
        Assert.Equal(ApiKeyVerdict.WrongSecret, (await key.VerifyAsync(other, T0.AddSeconds(2))).Verdict);
    }

    [Fact]
    public async Task A_use_is_recorded_at_most_once_a_minute()
    {
        var (key, hash) = await NewKeyAsync();

        var recorded = new List<bool>();
        foreach (var seconds in new[] { 0, 30, 59, 60, 61, 119, 121 })
            recorded.Add((await key.VerifyAsync(hash, T0.AddSeconds(seconds))).UseRecorded);

        Assert.Equal([true, false, false, true, false, false, true], recorded);
        Assert.Equal(T0.AddSeconds(121), (await key.GetAsync())!.LastUsedAt);
    }

    [Fact]
    public async Task Only_the_owner_revokes_and_a_second_revoke_keeps_the_first_time()
    {
        var (key, _) = await NewKeyAsync();

        Assert.False(await key.RevokeAsync("u-stranger", T0));
        Assert.False((await key.GetAsync())!.Revoked);
        Assert.True(await key.RevokeAsync("u-owner", T0.AddMinutes(1)));
        Assert.True(await key.RevokeAsync("u-owner", T0.AddMinutes(2)));
        Assert.Equal(T0.AddMinutes(1), (await key.GetAsync())!.RevokedAt);
        Assert.False(await cluster.GetGrain<IApiKeyGrain>(ApiKeyCredentials.NewKeyId()).RevokeAsync("u-owner", T0));
    }

    [Fact]
    public async Task A_user_lists_key_ids_once_each_up_to_the_cap()
    {
        var user = cluster.GetGrain<IUserGrain>($"u-{Guid.NewGuid():N}");
        var ids = Enumerable.Range(0, IUserGrain.MaxApiKeys).Select(_ => ApiKeyCredentials.NewKeyId()).ToList();

        foreach (var id in ids) Assert.True(await user.AddApiKeyAsync(id));
        Assert.True(await user.AddApiKeyAsync(ids[0]));
        Assert.False(await user.AddApiKeyAsync(ApiKeyCredentials.NewKeyId()));

        Assert.Equal(ids, await user.GetApiKeysAsync());
    }

    [Fact]
    public void Key_ids_look_like_Alpacas_and_the_parser_refuses_anything_else()
    {
        var id = ApiKeyCredentials.NewKeyId();

        Assert.Matches("^CK[A-Z0-9]{18}$", id);
        Assert.True(ApiKeyCredentials.IsKeyId(id));
        Assert.All(new[] { null, "", "CK", id.ToLowerInvariant(), "PK" + id[2..], id + "A", id[..^1] + "-" }, bad => Assert.False(ApiKeyCredentials.IsKeyId(bad)));
    }
}
