using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>One trader's assessment summaries: a trader's list reads only these.</summary>
public sealed class TraderAssessmentsGrain(
    [PersistentState("trader-assessments", StorageNames.Default)] IPersistentState<AssessmentDirectoryState> state) : Grain, ITraderAssessmentsGrain
{
    async Task ITraderAssessmentsGrain.RecordAsync(AssessmentSummary summary)
    {
        if (AssessmentIndex.Record(state.State, summary))
            await state.WriteStateAsync();
    }

    Task<IReadOnlyList<AssessmentSummary>> ITraderAssessmentsGrain.ListAsync(AssessmentQuery query) =>
        Task.FromResult(AssessmentIndex.List(state.State.Assessments.Values, query));
}
