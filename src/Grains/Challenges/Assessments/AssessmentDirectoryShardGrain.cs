using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// One shard of the directory: the summaries of the assessments that hash to it. A change writes this shard only, so
/// recording stays as cheap with 100,000 assessments as with 100 (each shard holds about 1/256 of them).
/// </summary>
public sealed class AssessmentDirectoryShardGrain(
    [PersistentState("assessment-directory", StorageNames.Default)] IPersistentState<AssessmentDirectoryState> state)
    : AssessmentIndexGrain(state), IAssessmentDirectoryShardGrain
{
    Task IAssessmentDirectoryShardGrain.RecordAsync(AssessmentSummary summary) => RecordAsync(summary);

    Task<IReadOnlyList<AssessmentSummary>> IAssessmentDirectoryShardGrain.ListAsync(AssessmentQuery query) => ListAsync(query);

    async Task<IReadOnlyList<LeaderboardEntry>> IAssessmentDirectoryShardGrain.GetLeaderboardAsync(LeaderboardOrder order, int limit)
    {
        var active = Summaries
            .Where(s => s.Status == AssessmentStatus.Active && s.CurrentAccountId is not null).ToList();
        var measured = await Task.WhenAll(active.Select(async s =>
        {
            var evaluation = await GrainFactory.GetGrain<IPositionBookGrain>(s.CurrentAccountId!).GetEvaluationAsync();
            // An account that runs no evaluation has no drawdown to rank by; it is left out rather than guessed.
            return evaluation is { Status: PhaseStatus.Active } ? LeaderboardRanking.Measure(s, evaluation, s.CurrentAccountId!) : null;
        }));
        return LeaderboardRanking.Rank(measured.OfType<LeaderboardEntry>(), order, limit);
    }
}
