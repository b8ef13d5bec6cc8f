using Crucible.Grains.Interfaces.Challenges;
using Orleans.Concurrency;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>Answers from the silo's configured roster; a stateless worker, so checks never queue behind one activation.</summary>
[StatelessWorker]
public sealed class EvaluatorRosterGrain(EvaluatorRoster roster) : Grain, IEvaluatorRosterGrain
{
    Task<bool> IEvaluatorRosterGrain.IsEvaluatorAsync(string evaluatorId) => Task.FromResult(roster.IsEvaluator(evaluatorId));
}
