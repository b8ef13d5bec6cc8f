using Crucible.Grains.Identity;

namespace Crucible.Api.Tests.Identity;

/// <summary>
/// The TOTP window and single use, on the RFC 6238 Appendix B vector: the ASCII secret "12345678901234567890" (base32
/// GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ) gives 94287082 at T = 59 s (step 1); its last six digits are the 6-digit code.
/// </summary>
public sealed class SecondFactorCheckTests
{
    private const string Secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private const string StepOneCode = "287082";

    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    [Fact]
    public void The_rfc_6238_code_matches_its_step_and_one_step_either_side_but_not_two()
    {
        Assert.Equal(1, SecondFactorCheck.MatchTotp(Secret, StepOneCode, At(59), lastUsedStep: 0));
        Assert.Equal(1, SecondFactorCheck.MatchTotp(Secret, StepOneCode, At(89), lastUsedStep: 0));  // step 2: one behind
        Assert.Equal(1, SecondFactorCheck.MatchTotp(Secret, StepOneCode, At(29), lastUsedStep: 0));  // step 0: one ahead
        Assert.Null(SecondFactorCheck.MatchTotp(Secret, StepOneCode, At(90), lastUsedStep: 0));      // step 3: two behind
    }

    [Fact]
    public void A_code_of_a_step_already_used_is_refused()
    {
        Assert.Null(SecondFactorCheck.MatchTotp(Secret, StepOneCode, At(59), lastUsedStep: 1));
        Assert.Equal(1, SecondFactorCheck.MatchTotp(Secret, StepOneCode, At(59), lastUsedStep: 0));
    }

    [Theory]
    [InlineData("287083")]
    [InlineData("28708")]
    [InlineData("2870822")]
    [InlineData("28708a")]
    [InlineData(null)]
    public void Wrong_or_malformed_codes_are_refused(string? code) =>
        Assert.Null(SecondFactorCheck.MatchTotp(Secret, code, At(59), lastUsedStep: 0));

    [Fact]
    public void A_recovery_code_hash_is_found_at_its_index_and_an_unknown_one_is_not()
    {
        byte[][] hashes = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
        Assert.Equal(1, SecondFactorCheck.IndexOfRecoveryCode(hashes, [4, 5, 6]));
        Assert.Equal(-1, SecondFactorCheck.IndexOfRecoveryCode(hashes, [4, 5, 7]));
        Assert.Equal(-1, SecondFactorCheck.IndexOfRecoveryCode(hashes, null));
    }
}
