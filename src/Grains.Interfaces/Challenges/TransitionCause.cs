namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>Why an assessment's status or phase changed: the system, a rule, the trader or an evaluator.</summary>
[GenerateSerializer, Alias("crucible.TransitionCause")]
public enum TransitionCause
{
    Purchased = 0,
    PhaseStarted = 1,
    PhasePassed = 2,
    RuleBreached = 3,
    TimeExpired = 4,
    TraderAbandoned = 5,
    TraderReset = 6,
    EvaluatorPassed = 7,
    EvaluatorFailed = 8,
    EvaluatorReset = 9,
    EvaluatorExtended = 10,
}
