using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Plans;

/// <summary>The plans this deployment sells, in file order; ids are matched case-insensitively.</summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, ChallengePlan> byId;

    public PlanCatalog(IEnumerable<ChallengePlan> plans)
    {
        All = [.. plans];
        byId = All.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ChallengePlan> All { get; }

    public ChallengePlan? Find(string id) => byId.TryGetValue(id, out var plan) ? plan : null;
}
