using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// What an assessment grain persists: the assessment, the plan as it was bought (a later catalog change does not move
/// a running assessment's goalposts) and the last event sequence number.
/// </summary>
[GenerateSerializer, Alias("crucible.AssessmentGrainState")]
public sealed class AssessmentGrainState
{
    [Id(0)] public Assessment? Assessment { get; set; }

    [Id(1)] public ChallengePlan? Plan { get; set; }

    [Id(2)] public long Sequence { get; set; }
}
