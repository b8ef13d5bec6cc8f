namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// Something that happened to an assessment, published on its stream (<see cref="AssessmentStreams"/>). Each takes the
/// assessment's next <see cref="Sequence"/>, so a subscriber that sees a gap missed one and can resync from the
/// assessment itself. <see cref="Type"/> names the event for clients that read JSON (<c>assessment.created</c>...).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentEvent")]
public abstract record AssessmentEvent(
    [property: Id(0)] string AssessmentId,
    [property: Id(1)] string TraderId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] DateTimeOffset Time)
{
    public abstract string Type { get; }
}

/// <summary>A purchase went through: the assessment exists, paid, with its first account being opened.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentCreated")]
public sealed record AssessmentCreated(string AssessmentId, string TraderId, long Sequence, DateTimeOffset Time,
    [property: Id(0)] Assessment Assessment)
    : AssessmentEvent(AssessmentId, TraderId, Sequence, Time)
{
    public override string Type => "assessment.created";
}

/// <summary>The status changed (active, passed, funded, failed, expired, abandoned), with the transition that did it.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentStatusChanged")]
public sealed record AssessmentStatusChanged(string AssessmentId, string TraderId, long Sequence, DateTimeOffset Time,
    [property: Id(0)] StatusTransition Transition)
    : AssessmentEvent(AssessmentId, TraderId, Sequence, Time)
{
    public override string Type => "assessment.status_changed";
}

/// <summary>A phase's account opened: the first phase, the next after a pass, the funded stage, or phase 1 of a new attempt.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentPhaseStarted")]
public sealed record AssessmentPhaseStarted(string AssessmentId, string TraderId, long Sequence, DateTimeOffset Time,
    [property: Id(0)] AssessmentPhase Phase,
    [property: Id(1)] StatusTransition Transition)
    : AssessmentEvent(AssessmentId, TraderId, Sequence, Time)
{
    public override string Type => "assessment.phase_started";
}

/// <summary>An evaluator moved the phase's time limit later.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentExtended")]
public sealed record AssessmentExtended(string AssessmentId, string TraderId, long Sequence, DateTimeOffset Time,
    [property: Id(0)] int Days,
    [property: Id(1)] StatusTransition Transition)
    : AssessmentEvent(AssessmentId, TraderId, Sequence, Time)
{
    public override string Type => "assessment.extended";
}
