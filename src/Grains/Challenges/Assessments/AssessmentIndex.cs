using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>What an index of assessment summaries persists: the latest summary of each of its assessments, by id.</summary>
[GenerateSerializer, Alias("crucible.AssessmentDirectoryState")]
public sealed class AssessmentDirectoryState
{
    [Id(0)] public Dictionary<string, AssessmentSummary> Assessments { get; set; } = [];
}

/// <summary>The filtering, ordering and late-summary rule every index of summaries shares (a directory shard, a trader's list).</summary>
public static class AssessmentIndex
{
    /// <summary>Summaries arrive in the order their assessment wrote them; a late, older one must not overwrite a newer.</summary>
    public static bool Record(AssessmentDirectoryState state, AssessmentSummary summary)
    {
        if (state.Assessments.TryGetValue(summary.Id, out var known) && known.UpdatedAt > summary.UpdatedAt)
            return false;
        state.Assessments[summary.Id] = summary;
        return true;
    }

    public static IReadOnlyList<AssessmentSummary> List(IEnumerable<AssessmentSummary> summaries, AssessmentQuery query) =>
        [.. Newest(summaries
            .Where(s => query.Status is null || s.Status == query.Status)
            .Where(s => query.PlanId is null || string.Equals(s.PlanId, query.PlanId, StringComparison.OrdinalIgnoreCase))
            .Where(s => query.TraderId is null || s.TraderId == query.TraderId)
            .Where(s => query.From is null || s.CreatedAt >= query.From)
            .Where(s => query.To is null || s.CreatedAt < query.To))
            .Take(Math.Max(0, query.Limit))];

    /// <summary>Newest first; ties by id, so the order is the same however the summaries were gathered.</summary>
    public static IOrderedEnumerable<AssessmentSummary> Newest(IEnumerable<AssessmentSummary> summaries) =>
        summaries.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal);
}

/// <summary>A grain holding an index of summaries (a directory shard, a trader's list): record one, list by query.</summary>
public abstract class AssessmentIndexGrain(IPersistentState<AssessmentDirectoryState> state) : Grain
{
    protected IEnumerable<AssessmentSummary> Summaries => state.State.Assessments.Values;

    protected async Task RecordAsync(AssessmentSummary summary)
    {
        if (AssessmentIndex.Record(state.State, summary))
            await state.WriteStateAsync();
    }

    protected Task<IReadOnlyList<AssessmentSummary>> ListAsync(AssessmentQuery query) =>
        Task.FromResult(AssessmentIndex.List(Summaries, query));
}
