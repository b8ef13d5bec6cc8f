namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// Where one phase's evaluation stands: status, whether trading is blocked, each rule's progress, and the account's
/// return and drawdown for leaderboards. Returned by the position book of an assessment account. <see cref="Suspension"/>
/// says why a phase is suspended: it could not be resumed from the ledger (no readable snapshot, docs/durability.md
/// "Assessment accounts") and takes no new orders until an evaluator decides; null for every phase that runs.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.EvaluationState")]
public sealed record EvaluationState(
    [property: Id(0)] string AssessmentId,
    [property: Id(1)] int PhaseIndex,
    [property: Id(2)] PhaseStatus Status,
    [property: Id(3)] bool TradingBlocked,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset? EndedAt,
    [property: Id(6)] string? EndedBy,
    [property: Id(7)] DateTimeOffset NextReset,
    [property: Id(8)] IReadOnlyList<RuleProgress> Progress,
    [property: Id(9)] decimal InitialBalance,
    [property: Id(10)] decimal Balance,
    [property: Id(11)] decimal Equity,
    [property: Id(12)] decimal PeakEquity,
    [property: Id(13)] decimal MaxDrawdown,
    [property: Id(14)] DateTimeOffset UpdatedAt,
    [property: Id(15)] string? Suspension = null);

/// <summary>
/// One rule's standing: what was measured against what limit, and <see cref="Percent"/>: for an objective the share
/// reached (target 62 %), for a loss rule the share of the allowed loss used (daily loss used 40 %).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.RuleProgress")]
public sealed record RuleProgress(
    [property: Id(0)] string Rule,
    [property: Id(1)] RuleKind Kind,
    [property: Id(2)] decimal Measured,
    [property: Id(3)] decimal Limit,
    [property: Id(4)] decimal Percent,
    [property: Id(5)] bool Satisfied,
    [property: Id(6)] string Message);

[GenerateSerializer, Alias("crucible.RuleKind")]
public enum RuleKind
{
    Loss = 0,
    Objective = 1,
    Deadline = 2,
}
