using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Challenges;

/// <summary>
/// What the assessment hub sends. Assessment events carry their assessment's sequence (a gap means a missed one: resync
/// with GET /api/v1/assessments/{id}); rule events carry the phase account's sequence; evaluations are conflated.
/// </summary>
public interface IAssessmentClient
{
    Task Created(AssessmentCreated created);

    Task StatusChanged(AssessmentStatusChanged changed);

    Task PhaseStarted(AssessmentPhaseStarted started);

    Task Extended(AssessmentExtended extended);

    /// <summary>A rule event of the current phase: a breach, an objective met, a floor moving...</summary>
    Task RuleEvent(RuleEventReported ruleEvent);

    /// <summary>Progress per rule of the current phase; latest wins, at most Crucible:AccountStream:AccountUpdatesPerSecond a second.</summary>
    Task Evaluation(EvaluationUpdated evaluation);
}

/// <summary>What <c>Subscribe</c> answers: the assessment, its current phase's evaluation (null before it runs) and the sequence to continue from.</summary>
public sealed record AssessmentSubscription(Assessment Assessment, EvaluationState? Evaluation, long Sequence);
