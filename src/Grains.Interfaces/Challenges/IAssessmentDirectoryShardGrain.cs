namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>One shard of the assessment directory (key: 0 to <see cref="AssessmentDirectoryShards.Count"/> − 1).</summary>
[Alias("crucible.IAssessmentDirectoryShardGrain")]
public interface IAssessmentDirectoryShardGrain : IGrainWithIntegerKey
{
    [Alias("Record")]
    Task RecordAsync(AssessmentSummary summary);

    /// <summary>This shard's assessments matching the query, newest first, at most its limit.</summary>
    [Alias("List")]
    Task<IReadOnlyList<AssessmentSummary>> ListAsync(AssessmentQuery query);

    /// <summary>This shard's best active assessments, at most <paramref name="limit"/>, for the directory to merge.</summary>
    [Alias("Leaderboard")]
    Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboardAsync(LeaderboardOrder order, int limit);
}
