namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// Makes a virtual account the account of one phase of an assessment: the position book runs this phase's rules
/// on every quote and fill, in the same activation, so no tick goes unchecked (docs/rules.md "In the grains").
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.AccountEvaluation")]
public sealed record AccountEvaluation(
    [property: Id(0)] string AssessmentId,
    [property: Id(1)] int PhaseIndex,
    [property: Id(2)] PhaseRules Rules,
    [property: Id(3)] DateTimeOffset StartedAt);
