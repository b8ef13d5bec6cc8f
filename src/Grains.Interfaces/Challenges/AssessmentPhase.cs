namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// One phase of one attempt and the virtual account it was traded on. <see cref="PhaseIndex"/> counts from 0; the
/// funded stage has the index after the last phase. <see cref="Outcome"/> is null while the phase runs.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentPhase")]
public sealed record AssessmentPhase(
    [property: Id(0)] int Attempt,
    [property: Id(1)] int PhaseIndex,
    [property: Id(2)] string Name,
    [property: Id(3)] string AccountId,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset? EndedAt = null,
    [property: Id(6)] PhaseStatus? Outcome = null,
    [property: Id(7)] string? EndedBy = null);
