namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// Where an assessment stands (docs/assessments.md draws the lifecycle). Pending: paid, its first account not yet
/// opened. Active: a phase is being traded. Passed: the last phase passed and the plan has no funded stage.
/// Funded: the last phase passed and the funded account trades under the plan's funded rules. Failed and Expired end
/// the attempt (a reset starts a new one); Abandoned is the trader giving up.
/// </summary>
[GenerateSerializer, Alias("crucible.AssessmentStatus")]
public enum AssessmentStatus
{
    Pending = 0,
    Active = 1,
    Passed = 2,
    Funded = 3,
    Failed = 4,
    Expired = 5,
    Abandoned = 6,
}
