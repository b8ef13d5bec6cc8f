using System.Collections.Concurrent;

namespace Crucible.Grains.Challenges.Payments;

/// <summary>
/// A payment provider that takes no money: the card token decides the outcome, as with a real provider's test mode.
/// <c>tok_visa</c> and <c>tok_mastercard</c> approve; <c>tok_decline</c> (card_declined), <c>tok_insufficient_funds</c>
/// (insufficient_funds) and <c>tok_expired_card</c> (expired_card) decline; any other token declines as invalid_token.
/// Outcomes are remembered per idempotency key for the life of the silo.
/// </summary>
public sealed class SimulatedPaymentProvider : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, PaymentOutcome> charges = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> ApprovingTokens { get; } = ["tok_visa", "tok_mastercard"];

    public Task<PaymentOutcome> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(charge.Amount);
        return Task.FromResult(charges.GetOrAdd(charge.IdempotencyKey, _ => Decide(charge.Token)));
    }

    private static PaymentOutcome Decide(string token) => token switch
    {
        "tok_visa" or "tok_mastercard" => PaymentOutcome.Approve($"sim_ch_{Guid.NewGuid():N}"),
        "tok_decline" => PaymentOutcome.Decline("card_declined", "The card was declined."),
        "tok_insufficient_funds" => PaymentOutcome.Decline("insufficient_funds", "The card has insufficient funds."),
        "tok_expired_card" => PaymentOutcome.Decline("expired_card", "The card has expired."),
        _ => PaymentOutcome.Decline("invalid_token", "The payment token is not one the simulated provider knows (docs/assessments.md lists them)."),
    };
}
