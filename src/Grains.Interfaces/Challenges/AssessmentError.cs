namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>Why an assessment command was refused. The REST API maps each code to one HTTP status (docs/assessments.md).</summary>
[GenerateSerializer, Alias("crucible.AssessmentErrorCode")]
public enum AssessmentErrorCode
{
    /// <summary>A field is missing or malformed (<see cref="AssessmentError.Field"/> names it): 400.</summary>
    InvalidField = 0,
    UnknownAssessment = 1,
    UnknownPlan = 2,
    /// <summary>The payment provider declined the charge; nothing was created: 402.</summary>
    PaymentDeclined = 3,
    /// <summary>The caller is not a configured evaluator: 403.</summary>
    NotEvaluator = 4,
    /// <summary>The caller is not the assessment's trader: 403.</summary>
    NotTrader = 5,
    /// <summary>The command does not apply in the assessment's status (e.g. passing a failed attempt): 409.</summary>
    InvalidTransition = 6,
    /// <summary>A purchase id already bought something else: 409.</summary>
    PurchaseConflict = 7,
}

/// <summary>A refusal: its code, the field at fault (if one), a message, and the payment provider's decline code.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentError")]
public sealed record AssessmentError(
    [property: Id(0)] AssessmentErrorCode Code,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] string? DeclineCode = null);

/// <summary>
/// The assessment after a command, or the refusal. <see cref="Created"/> is true only for the purchase that created
/// it (a retried purchase answers the same assessment with false).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentResult")]
public sealed record AssessmentResult(
    [property: Id(0)] Assessment? Assessment,
    [property: Id(1)] AssessmentError? Error,
    [property: Id(2)] bool Created = false)
{
    public static AssessmentResult Ok(Assessment assessment, bool created = false) => new(assessment, null, created);

    public static AssessmentResult Refused(AssessmentErrorCode code, string message, string? field = null, string? declineCode = null) =>
        new(null, new AssessmentError(code, message, field, declineCode));
}
