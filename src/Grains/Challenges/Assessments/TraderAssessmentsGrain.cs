using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>One trader's assessment summaries: a trader's list reads only these.</summary>
public sealed class TraderAssessmentsGrain(
    [PersistentState("trader-assessments", StorageNames.Default)] IPersistentState<AssessmentDirectoryState> state)
    : AssessmentIndexGrain(state), ITraderAssessmentsGrain
{
    Task ITraderAssessmentsGrain.RecordAsync(AssessmentSummary summary) => RecordAsync(summary);

    Task<IReadOnlyList<AssessmentSummary>> ITraderAssessmentsGrain.ListAsync(AssessmentQuery query) => ListAsync(query);
}
