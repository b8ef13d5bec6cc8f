namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// The evaluator identities the silo accepts (<c>Crucible:Evaluators</c>; ["evaluator"] when not configured). Until
/// authentication exists, an evaluator command names its evaluator and this list is the whole of the check.
/// </summary>
public sealed class EvaluatorRoster(IEnumerable<string>? evaluators)
{
    public static IReadOnlyList<string> Default { get; } = ["evaluator"];

    private readonly HashSet<string> ids = new(evaluators is null || !evaluators.Any() ? Default : evaluators, StringComparer.Ordinal);

    public bool IsEvaluator(string? id) => id is not null && ids.Contains(id);
}
