namespace Crucible.Cluster.Tests.Driving;

/// <summary>One HTTP attempt of the driver: when it was sent and answered (since the run started), and whether it got an answer below 500.</summary>
public sealed record RequestAttempt(string AccountId, string Operation, TimeSpan Sent, TimeSpan Answered, bool Answer)
{
    public bool Spans(TimeSpan moment) => Sent <= moment && Answered >= moment;
}
