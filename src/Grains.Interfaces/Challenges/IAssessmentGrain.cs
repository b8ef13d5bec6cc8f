namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// One assessment: a trader's purchase of a plan, its attempts and phases, and the decisions taken on it. The key is
/// the assessment id (<see cref="AssessmentIds.ForPurchase"/>). As the <see cref="IPhaseListener"/> of its phase
/// accounts, it hears how each phase ended. Commands answer a typed refusal rather than throwing.
/// </summary>
[Alias("crucible.IAssessmentGrain")]
public interface IAssessmentGrain : IPhaseListener
{
    /// <summary>
    /// Charges the plan's price and, when the charge goes through, creates the assessment and opens its first phase
    /// account. A declined charge creates nothing. Repeating a purchase answers the assessment it created.
    /// </summary>
    [Alias("Purchase")]
    Task<AssessmentResult> PurchaseAsync(PurchaseRequest request);

    /// <summary>The assessment, or null when none has this id.</summary>
    [Alias("Get")]
    Task<Assessment?> GetAsync();

    /// <summary>The assessment with the sequence of its last event: a live view applies the events above it.</summary>
    [Alias("GetSnapshot")]
    Task<AssessmentSnapshot?> GetSnapshotAsync();

    /// <summary>Every phase account of every attempt as its book holds it, and the history.</summary>
    [Alias("GetAudit")]
    Task<AssessmentAudit?> GetAuditAsync();

    /// <summary>The trader gives up the running attempt (while pending, active or funded).</summary>
    [Alias("Abandon")]
    Task<AssessmentResult> AbandonAsync(string traderId, string? reason);

    /// <summary>The trader starts a new attempt from phase 1: while active, or after a failed or expired attempt.</summary>
    [Alias("Reset")]
    Task<AssessmentResult> ResetAsync(string traderId, string? reason);

    /// <summary>An evaluator passes the current phase (the next phase, funded or passed follows as for a pass by the rules).</summary>
    [Alias("EvaluatorPass")]
    Task<AssessmentResult> EvaluatorPassAsync(EvaluatorDecision decision);

    /// <summary>An evaluator fails the running attempt (active or funded).</summary>
    [Alias("EvaluatorFail")]
    Task<AssessmentResult> EvaluatorFailAsync(EvaluatorDecision decision);

    /// <summary>An evaluator starts a new attempt from phase 1, whatever the status (except pending).</summary>
    [Alias("EvaluatorReset")]
    Task<AssessmentResult> EvaluatorResetAsync(EvaluatorDecision decision);

    /// <summary>An evaluator moves the running phase's time limit <paramref name="days"/> (1–365) days later (a phase without a time limit: refused).</summary>
    [Alias("EvaluatorExtend")]
    Task<AssessmentResult> EvaluatorExtendAsync(EvaluatorDecision decision, int days);
}
