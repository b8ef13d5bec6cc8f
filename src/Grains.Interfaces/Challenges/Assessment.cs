namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// An assessment as its trader and evaluators see it: the plan bought, the status, the attempt and phase being traded
/// and the account they trade on, what was paid, every phase account so far and every transition with its cause.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.Assessment")]
public sealed record Assessment(
    [property: Id(0)] string Id,
    [property: Id(1)] string PlanId,
    [property: Id(2)] string PlanName,
    [property: Id(3)] string TraderId,
    [property: Id(4)] AssessmentStatus Status,
    [property: Id(5)] int Attempt,
    [property: Id(6)] int PhaseIndex,
    [property: Id(7)] int PhaseCount,
    [property: Id(8)] string? CurrentAccountId,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] decimal PricePaid,
    [property: Id(12)] string PaymentReference,
    [property: Id(13)] string? PurchaseId,
    [property: Id(14)] IReadOnlyList<AssessmentPhase> Phases,
    [property: Id(15)] IReadOnlyList<StatusTransition> Transitions)
{
    /// <summary>The phase being traded (or last traded), or null while pending.</summary>
    public AssessmentPhase? CurrentPhase => Phases.Count == 0 ? null : Phases[^1];

    public AssessmentSummary Summary() =>
        new(Id, PlanId, TraderId, Status, Attempt, PhaseIndex, CurrentAccountId, CreatedAt, UpdatedAt);
}

/// <summary>What the assessment directory keeps of each assessment, for listing, filtering and leaderboards.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentSummary")]
public sealed record AssessmentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string PlanId,
    [property: Id(2)] string TraderId,
    [property: Id(3)] AssessmentStatus Status,
    [property: Id(4)] int Attempt,
    [property: Id(5)] int PhaseIndex,
    [property: Id(6)] string? CurrentAccountId,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt);

/// <summary>An assessment and the sequence number of the last event published about it.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentSnapshot")]
public sealed record AssessmentSnapshot(
    [property: Id(0)] Assessment Assessment,
    [property: Id(1)] long Sequence);
