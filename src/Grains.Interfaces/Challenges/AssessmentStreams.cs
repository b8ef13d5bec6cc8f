namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// Where assessment events travel, on the shared stream provider: one stream per assessment (key = its id), and one
/// feed of every assessment's events for evaluators. Events on the feed keep their own assessment's sequence.
/// </summary>
public static class AssessmentStreams
{
    public const string Events = "assessments";

    public const string Feed = "assessments-feed";

    public static StreamId EventStream(string assessmentId) => StreamId.Create(Events, assessmentId);

    public static StreamId FeedStream { get; } = StreamId.Create(Feed, "all");
}
