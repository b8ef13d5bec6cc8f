namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// The index of every assessment (key 0; a stateless front that fans out to <see cref="IAssessmentDirectoryShardGrain"/>
/// shards and answers a trader's query from <see cref="ITraderAssessmentsGrain"/>): each assessment records its summary
/// after every change, so evaluators can list and filter them, and rank the active ones.
/// </summary>
[Alias("crucible.IAssessmentDirectoryGrain")]
public interface IAssessmentDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Record")]
    Task RecordAsync(AssessmentSummary summary);

    /// <summary>Assessments matching the query, newest first, at most <see cref="AssessmentQuery.Limit"/>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<AssessmentSummary>> ListAsync(AssessmentQuery query);

    /// <summary>Active assessments ranked by their current phase account's evaluation, best first, at most <paramref name="limit"/>.</summary>
    [Alias("Leaderboard")]
    Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboardAsync(LeaderboardOrder order, int limit);
}
