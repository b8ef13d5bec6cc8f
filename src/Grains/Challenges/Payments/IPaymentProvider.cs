namespace Crucible.Grains.Challenges.Payments;

/// <summary>
/// Takes money for a purchase. A charge carries an idempotency key: charging again with the same key answers the first
/// charge's outcome and never charges twice (a purchase retried after a crash must not pay twice).
/// </summary>
public interface IPaymentProvider
{
    Task<PaymentOutcome> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken = default);
}

/// <summary>What to charge: an amount in the currency, to the card behind <see cref="Token"/>.</summary>
public sealed record PaymentCharge(decimal Amount, string Currency, string Token, string IdempotencyKey, string Description);

/// <summary>The provider's answer: approved with its reference, or declined with its decline code and message.</summary>
public sealed record PaymentOutcome(bool Approved, string? Reference, string? DeclineCode, string? Message)
{
    public static PaymentOutcome Approve(string reference) => new(true, reference, null, null);

    public static PaymentOutcome Decline(string code, string message) => new(false, null, code, message);
}
