namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// The index of every assessment (one grain, key 0): each assessment records its summary here after every change, so
/// evaluators can list and filter them, and rank the active ones.
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
