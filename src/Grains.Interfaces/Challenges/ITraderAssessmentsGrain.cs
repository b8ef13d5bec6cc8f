namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>One trader's assessments (key: the trader's id): what a trader lists, without reading anyone else's.</summary>
[Alias("crucible.ITraderAssessmentsGrain")]
public interface ITraderAssessmentsGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task RecordAsync(AssessmentSummary summary);

    [Alias("List")]
    Task<IReadOnlyList<AssessmentSummary>> ListAsync(AssessmentQuery query);
}
