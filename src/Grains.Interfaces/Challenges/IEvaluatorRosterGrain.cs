namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// Who is an evaluator: the silo's <c>Crucible:Evaluators</c> list, until authentication and roles exist. Lets hosts
/// without that configuration (an API host in cluster mode) ask the cluster.
/// </summary>
[Alias("crucible.IEvaluatorRosterGrain")]
public interface IEvaluatorRosterGrain : IGrainWithIntegerKey
{
    [Alias("IsEvaluator")]
    Task<bool> IsEvaluatorAsync(string evaluatorId);
}
