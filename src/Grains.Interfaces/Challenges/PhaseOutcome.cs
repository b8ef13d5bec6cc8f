namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>How a phase ended, reported by its account's position book to the assessment, with the rule event that ended it.</summary>
[GenerateSerializer, Immutable, Alias("crucible.PhaseOutcome")]
public sealed record PhaseOutcome(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string AssessmentId,
    [property: Id(2)] int PhaseIndex,
    [property: Id(3)] PhaseStatus Status,
    [property: Id(4)] DateTimeOffset EndedAt,
    [property: Id(5)] string? EndedBy,
    [property: Id(6)] RuleEvent? Evidence);
