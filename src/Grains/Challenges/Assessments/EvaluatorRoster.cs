namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// The evaluator identities a decision may name. The silo's configured list (<c>Crucible:Evaluators</c>; ["evaluator"]
/// when not configured) names evaluators of tools inside the cluster; users with the evaluator or admin role are accepted
/// too, by <see cref="EvaluatorRosterGrain"/>, which hands the lifecycle <see cref="With"/> that one user.
/// </summary>
public sealed class EvaluatorRoster(IEnumerable<string>? evaluators)
{
    public static IReadOnlyList<string> Default { get; } = ["evaluator"];

    private readonly HashSet<string> ids = new(evaluators is null || !evaluators.Any() ? Default : evaluators, StringComparer.Ordinal);

    public bool IsEvaluator(string? id) => id is not null && ids.Contains(id);

    /// <summary>This roster and one more evaluator, found elsewhere (a user whose roles make them one).</summary>
    public EvaluatorRoster With(string id) => IsEvaluator(id) ? this : new EvaluatorRoster(ids.Append(id));
}
