using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;
using Orleans.Concurrency;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// Who is an evaluator: an id on the silo's configured roster, or a user (by user id) whose profile holds the evaluator
/// or admin role. A stateless worker, so checks never queue behind one activation.
/// </summary>
[StatelessWorker]
public sealed class EvaluatorRosterGrain(EvaluatorRoster roster) : Grain, IEvaluatorRosterGrain
{
    async Task<bool> IEvaluatorRosterGrain.IsEvaluatorAsync(string evaluatorId)
    {
        if (roster.IsEvaluator(evaluatorId)) return true;
        if (string.IsNullOrWhiteSpace(evaluatorId)) return false;
        var profile = await GrainFactory.GetGrain<IUserGrain>(evaluatorId).GetProfileAsync();
        return profile is not null && (profile.Roles.Contains(UserRole.Evaluator) || profile.Roles.Contains(UserRole.Admin));
    }

    /// <summary>The roster a decision by <paramref name="evaluatorId"/> is checked against: the configured one, plus that user when their roles make them an evaluator.</summary>
    public static async Task<EvaluatorRoster> ForAsync(EvaluatorRoster configured, IGrainFactory grains, string? evaluatorId) =>
        evaluatorId is null || configured.IsEvaluator(evaluatorId) || !await grains.GetGrain<IEvaluatorRosterGrain>(0).IsEvaluatorAsync(evaluatorId)
            ? configured
            : configured.With(evaluatorId);
}
