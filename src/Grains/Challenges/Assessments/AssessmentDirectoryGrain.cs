using Crucible.Grains.Interfaces.Challenges;
using Orleans.Concurrency;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// The directory's front: stateless, so it runs on every silo at once. A summary goes to its shard and to its trader's
/// list; a query names a trader (read from that trader's list only) or fans out to every shard and merges their
/// newest; the leaderboard merges each shard's best.
/// </summary>
[StatelessWorker]
public sealed class AssessmentDirectoryGrain : Grain, IAssessmentDirectoryGrain
{
    async Task IAssessmentDirectoryGrain.RecordAsync(AssessmentSummary summary) =>
        await Task.WhenAll(
            Shard(AssessmentDirectoryShards.Of(summary.Id)).RecordAsync(summary),
            GrainFactory.GetGrain<ITraderAssessmentsGrain>(summary.TraderId).RecordAsync(summary));

    async Task<IReadOnlyList<AssessmentSummary>> IAssessmentDirectoryGrain.ListAsync(AssessmentQuery query)
    {
        if (query.TraderId is { } trader)
            return await GrainFactory.GetGrain<ITraderAssessmentsGrain>(trader).ListAsync(query);
        var shards = await Task.WhenAll(Enumerable.Range(0, AssessmentDirectoryShards.Count).Select(i => Shard(i).ListAsync(query)));
        return [.. AssessmentIndex.Newest(shards.SelectMany(s => s)).Take(Math.Max(0, query.Limit))];
    }

    async Task<IReadOnlyList<LeaderboardEntry>> IAssessmentDirectoryGrain.GetLeaderboardAsync(LeaderboardOrder order, int limit)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, AssessmentDirectoryShards.Count).Select(i => Shard(i).GetLeaderboardAsync(order, limit)));
        return LeaderboardRanking.Rank(shards.SelectMany(s => s), order, limit);
    }

    private IAssessmentDirectoryShardGrain Shard(int index) => GrainFactory.GetGrain<IAssessmentDirectoryShardGrain>(index);
}
