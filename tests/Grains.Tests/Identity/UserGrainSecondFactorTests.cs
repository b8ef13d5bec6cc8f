using Crucible.Grains.Interfaces.Identity;
using OtpNet;

namespace Crucible.Grains.Tests.Identity;

/// <summary>
/// The user grain's second factor on the RFC 6238 vector secret ("12345678901234567890"), whose 6-digit code at
/// T = 59 s (step 1) is 287082. Times are passed in, so every step and lockout here is exact.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UserGrainSecondFactorTests(ClusterFixture fixture)
{
    private const string Secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    private static string CodeAt(long seconds) => new Totp(Base32Encoding.ToBytes(Secret)).ComputeTotp(At(seconds).UtcDateTime);

    private static byte[] H(byte b) => [.. Enumerable.Repeat(b, 32)];

    private async Task<IUserGrain> EnrolledAsync()
    {
        var user = fixture.Client.GetGrain<IUserGrain>($"u-{Guid.NewGuid():N}");
        Assert.True(await user.CreateAsync(new NewUser("a@crucible.test", null, "hash", [UserRole.Trader], At(0))));
        Assert.True(await user.BeginTwoFactorAsync(Secret));
        Assert.Equal(TwoFactorEnrolment.Enabled, await user.ConfirmTwoFactorAsync("287082", [H(1), H(2)], At(59)));
        return user;
    }

    [Fact]
    public async Task Confirming_turns_it_on_and_spends_the_confirming_step()
    {
        var user = await EnrolledAsync();

        Assert.True((await user.GetProfileAsync())!.TwoFactorEnabled);
        Assert.False(await user.BeginTwoFactorAsync(Secret));
        var sameStep = await user.VerifySecondFactorAsync(new SecondFactorProof("287082", null, At(60)));
        var nextStep = await user.VerifySecondFactorAsync(new SecondFactorProof(CodeAt(60), null, At(61)));

        Assert.Equal((SecondFactorVerdict.Rejected, 1), (sameStep.Verdict, sameStep.State.ConsecutiveFailures));
        Assert.Equal(SecondFactorVerdict.Accepted, nextStep.Verdict);
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_disabling_with_one_turns_the_factor_off()
    {
        var user = await EnrolledAsync();

        var first = await user.VerifySecondFactorAsync(new SecondFactorProof(null, H(2), At(100)));
        var again = await user.VerifySecondFactorAsync(new SecondFactorProof(null, H(2), At(101)));
        var disabled = await user.DisableTwoFactorAsync(new SecondFactorProof(null, H(1), At(102)));

        Assert.Equal((SecondFactorVerdict.Accepted, 1), (first.Verdict, first.RecoveryCodesLeft));
        Assert.Equal(SecondFactorVerdict.Rejected, again.Verdict);
        Assert.Equal((SecondFactorVerdict.Accepted, 0), (disabled.Verdict, disabled.RecoveryCodesLeft));
        Assert.False((await user.GetProfileAsync())!.TwoFactorEnabled);
        Assert.Equal(SecondFactorVerdict.NotEnabled, (await user.VerifySecondFactorAsync(new SecondFactorProof(CodeAt(200), null, At(200)))).Verdict);
    }

    [Fact]
    public async Task The_fifth_wrong_factor_locks_for_fifteen_minutes_and_a_right_code_is_not_spent_meanwhile()
    {
        var user = await EnrolledAsync();
        for (var i = 0; i < 4; i++)
            Assert.Equal(SecondFactorVerdict.Rejected, (await user.VerifySecondFactorAsync(new SecondFactorProof(null, H(9), At(100 + i)))).Verdict);

        var fifth = await user.VerifySecondFactorAsync(new SecondFactorProof(null, H(9), At(104)));
        var locked = await user.VerifySecondFactorAsync(new SecondFactorProof(CodeAt(105), null, At(105)));
        var after = await user.VerifySecondFactorAsync(new SecondFactorProof(CodeAt(104 + 900), null, At(104 + 900)));

        Assert.Equal((SecondFactorVerdict.LockedOut, At(104 + 900)), (fifth.Verdict, fifth.State.LockedUntil));
        Assert.Equal(SecondFactorVerdict.LockedOut, locked.Verdict);
        Assert.Equal(SecondFactorVerdict.Accepted, after.Verdict);
    }
}
