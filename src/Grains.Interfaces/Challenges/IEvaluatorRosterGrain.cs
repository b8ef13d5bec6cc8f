namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// Who is an evaluator: an id on the silo's <c>Crucible:Evaluators</c> list (tools inside the cluster), or the user id of
/// a user with the evaluator or admin role (how the API names the signed-in evaluator). Lets hosts without that
/// configuration ask the cluster.
/// </summary>
[Alias("crucible.IEvaluatorRosterGrain")]
public interface IEvaluatorRosterGrain : IGrainWithIntegerKey
{
    [Alias("IsEvaluator")]
    Task<bool> IsEvaluatorAsync(string evaluatorId);
}
