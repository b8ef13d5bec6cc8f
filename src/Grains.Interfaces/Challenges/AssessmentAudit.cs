using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>Everything an evaluator needs to see why an assessment stands where it does: every phase of every attempt, and the history.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentAudit")]
public sealed record AssessmentAudit(
    [property: Id(0)] Assessment Assessment,
    [property: Id(1)] IReadOnlyList<PhaseAudit> Phases);

/// <summary>One phase's account as its book holds it: orders (oldest first), fills, rule events, equity samples, and its last evaluation.</summary>
[GenerateSerializer, Immutable, Alias("crucible.PhaseAudit")]
public sealed record PhaseAudit(
    [property: Id(0)] AssessmentPhase Phase,
    [property: Id(1)] AccountSnapshot? Account,
    [property: Id(2)] EvaluationState? Evaluation,
    [property: Id(3)] IReadOnlyList<Order> Orders,
    [property: Id(4)] IReadOnlyList<Fill> Fills,
    [property: Id(5)] IReadOnlyList<RuleEvent> RuleEvents,
    [property: Id(6)] IReadOnlyList<EquitySample> EquitySamples);
