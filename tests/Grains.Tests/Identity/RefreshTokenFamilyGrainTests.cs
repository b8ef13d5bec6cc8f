using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Tests.Identity;

/// <summary>The refresh-token family's rotation, reuse detection, expiry and revocation, on a real silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RefreshTokenFamilyGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static byte[] H(byte b) => [.. Enumerable.Repeat(b, 32)];

    private async Task<IRefreshTokenFamilyGrain> StartedAsync(DateTimeOffset? expiresAt = null)
    {
        var family = fixture.Client.GetGrain<IRefreshTokenFamilyGrain>(Guid.NewGuid().ToString("N"));
        Assert.True(await family.StartAsync(new RefreshTokenStart("u-1", H(1), T0, expiresAt ?? T0.AddDays(14))));
        return family;
    }

    [Fact]
    public async Task A_family_starts_once_and_rotates_from_the_current_hash_only()
    {
        var family = await StartedAsync();
        Assert.False(await family.StartAsync(new RefreshTokenStart("u-2", H(9), T0, T0.AddDays(14))));

        var rotated = await family.RotateAsync(new RefreshTokenRotation(H(1), H(2), T0.AddMinutes(15), T0.AddDays(15)));
        var stranger = await family.RotateAsync(new RefreshTokenRotation(H(7), H(3), T0.AddMinutes(16), T0.AddDays(15)));
        var next = await family.RotateAsync(new RefreshTokenRotation(H(2), H(3), T0.AddMinutes(30), T0.AddDays(15)));

        Assert.Equal(new RefreshTokenOutcome(RefreshTokenStatus.Rotated, "u-1"), rotated);
        Assert.Equal(new RefreshTokenOutcome(RefreshTokenStatus.Invalid, null), stranger);
        Assert.Equal(new RefreshTokenOutcome(RefreshTokenStatus.Rotated, "u-1"), next);
    }

    [Fact]
    public async Task A_spent_hash_shown_again_revokes_the_family_so_the_current_one_is_refused()
    {
        var family = await StartedAsync();
        await family.RotateAsync(new RefreshTokenRotation(H(1), H(2), T0.AddMinutes(15), T0.AddDays(15)));

        var reuse = await family.RotateAsync(new RefreshTokenRotation(H(1), H(3), T0.AddMinutes(20), T0.AddDays(15)));
        var current = await family.RotateAsync(new RefreshTokenRotation(H(2), H(4), T0.AddMinutes(21), T0.AddDays(15)));

        Assert.Equal(RefreshTokenStatus.ReuseDetected, reuse.Status);
        Assert.Equal(new RefreshTokenOutcome(RefreshTokenStatus.Revoked, "u-1"), current);
    }

    [Fact]
    public async Task A_token_is_refused_from_its_expiry_on()
    {
        var family = await StartedAsync(expiresAt: T0.AddHours(1));

        var expired = await family.RotateAsync(new RefreshTokenRotation(H(1), H(2), T0.AddHours(1), T0.AddDays(15)));
        var justBefore = await family.RotateAsync(new RefreshTokenRotation(H(1), H(2), T0.AddHours(1).AddTicks(-1), T0.AddDays(15)));

        Assert.Equal(RefreshTokenStatus.Expired, expired.Status);
        Assert.Equal(RefreshTokenStatus.Rotated, justBefore.Status);
    }

    [Fact]
    public async Task Revoking_needs_one_of_the_familys_hashes_and_then_nothing_rotates()
    {
        var family = await StartedAsync();

        Assert.Null(await family.RevokeAsync(H(8), T0.AddMinutes(1)));
        Assert.Equal(RefreshTokenStatus.Rotated, (await family.RotateAsync(new RefreshTokenRotation(H(1), H(2), T0.AddMinutes(2), T0.AddDays(15)))).Status);
        Assert.Equal("u-1", await family.RevokeAsync(H(1), T0.AddMinutes(3)));
        Assert.Equal(RefreshTokenStatus.Revoked, (await family.RotateAsync(new RefreshTokenRotation(H(2), H(3), T0.AddMinutes(4), T0.AddDays(15)))).Status);
    }
}
