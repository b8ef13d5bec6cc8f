using Crucible.Grains.Challenges.Payments;

namespace Crucible.Domain.Tests.Challenges.Assessments;

public sealed class SimulatedPaymentProviderTests
{
    private readonly SimulatedPaymentProvider provider = new();

    private Task<PaymentOutcome> Charge(string token, string key = "k1") => provider.ChargeAsync(new PaymentCharge(540m, "USD", token, key, "test"));

    [Theory]
    [InlineData("tok_visa")]
    [InlineData("tok_mastercard")]
    public async Task Approving_tokens_approve_with_a_reference(string token)
    {
        var outcome = await Charge(token);

        Assert.True(outcome.Approved);
        Assert.StartsWith("sim_ch_", outcome.Reference);
    }

    [Theory]
    [InlineData("tok_decline", "card_declined")]
    [InlineData("tok_insufficient_funds", "insufficient_funds")]
    [InlineData("tok_expired_card", "expired_card")]
    [InlineData("tok_unheard_of", "invalid_token")]
    public async Task Declining_tokens_decline_with_their_code(string token, string code)
    {
        var outcome = await Charge(token);

        Assert.False(outcome.Approved);
        Assert.Equal(code, outcome.DeclineCode);
        Assert.Null(outcome.Reference);
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_first_charge()
    {
        var first = await Charge("tok_visa");
        var again = await Charge("tok_visa");
        var other = await Charge("tok_visa", "k2");

        Assert.Equal(first.Reference, again.Reference);
        Assert.NotEqual(first.Reference, other.Reference);
    }
}
