using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>What the directory persists: the latest summary of every assessment, by id.</summary>
[GenerateSerializer, Alias("crucible.AssessmentDirectoryState")]
public sealed class AssessmentDirectoryState
{
    [Id(0)] public Dictionary<string, AssessmentSummary> Assessments { get; set; } = [];
}

/// <summary>
/// The index of assessments. One activation holds every summary in memory and writes them all on each change: simple
/// and enough for thousands of assessments; a sharded or SQL-backed index replaces it when durable mode needs more.
/// </summary>
public sealed class AssessmentDirectoryGrain(
    [PersistentState("assessment-directory", StorageNames.Default)] IPersistentState<AssessmentDirectoryState> state) : Grain, IAssessmentDirectoryGrain
{
    async Task IAssessmentDirectoryGrain.RecordAsync(AssessmentSummary summary)
    {
        // Summaries arrive in the order their assessment wrote them; a late, older one must not overwrite a newer.
        if (state.State.Assessments.TryGetValue(summary.Id, out var known) && known.UpdatedAt > summary.UpdatedAt)
            return;
        state.State.Assessments[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<AssessmentSummary>> IAssessmentDirectoryGrain.ListAsync(AssessmentQuery query) =>
        Task.FromResult<IReadOnlyList<AssessmentSummary>>([.. state.State.Assessments.Values
            .Where(s => query.Status is null || s.Status == query.Status)
            .Where(s => query.PlanId is null || string.Equals(s.PlanId, query.PlanId, StringComparison.OrdinalIgnoreCase))
            .Where(s => query.TraderId is null || s.TraderId == query.TraderId)
            .Where(s => query.From is null || s.CreatedAt >= query.From)
            .Where(s => query.To is null || s.CreatedAt < query.To)
            .OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(Math.Max(0, query.Limit))]);

    async Task<IReadOnlyList<LeaderboardEntry>> IAssessmentDirectoryGrain.GetLeaderboardAsync(LeaderboardOrder order, int limit)
    {
        var active = state.State.Assessments.Values
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
