namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// One recorded change of an assessment: when, from which status to which, in which attempt and phase, why
/// (<see cref="Cause"/> and the <see cref="Rule"/> that decided it), who (<see cref="Actor"/>: "system", the trader or
/// the evaluator), the reason given, and the rule event that is its evidence. History is only ever appended to.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.StatusTransition")]
public sealed record StatusTransition(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] AssessmentStatus? From,
    [property: Id(2)] AssessmentStatus To,
    [property: Id(3)] int Attempt,
    [property: Id(4)] int PhaseIndex,
    [property: Id(5)] TransitionCause Cause,
    [property: Id(6)] string? Rule,
    [property: Id(7)] string Actor,
    [property: Id(8)] string? Reason,
    [property: Id(9)] RuleEvent? Evidence);
