namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// Buys a plan. <see cref="PaymentToken"/> is the payment provider's card token (the simulated provider's test tokens
/// are in docs/assessments.md). The assessment grain's key is the new assessment's id: <see cref="AssessmentIds"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.PurchaseRequest")]
public sealed record PurchaseRequest(
    [property: Id(0)] string PlanId,
    [property: Id(1)] string TraderId,
    [property: Id(2)] string PaymentToken,
    [property: Id(3)] string? PurchaseId = null);

/// <summary>
/// Who decides and why: every evaluator override needs an evaluator's identity (checked against the silo's
/// <c>Crucible:Evaluators</c> until authentication exists) and a non-blank reason, both recorded in the history.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.EvaluatorDecision")]
public sealed record EvaluatorDecision(
    [property: Id(0)] string EvaluatorId,
    [property: Id(1)] string Reason);
