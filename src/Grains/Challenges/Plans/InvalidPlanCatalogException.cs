namespace Crucible.Grains.Challenges.Plans;

/// <summary>The plan file cannot be used; <see cref="Problems"/> names each plan and field at fault.</summary>
public sealed class InvalidPlanCatalogException(string path, IReadOnlyList<string> problems)
    : Exception($"Plan catalog '{path}' is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
