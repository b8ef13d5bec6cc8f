using Crucible.Grains.Interfaces.Challenges;
using Orleans.Concurrency;

namespace Crucible.Grains.Challenges.Plans;

/// <summary>Serves the silo's plan catalog; a stateless worker, so reads never queue behind one activation.</summary>
[StatelessWorker]
public sealed class PlanCatalogGrain(PlanCatalog catalog) : Grain, IPlanCatalogGrain
{
    Task<IReadOnlyList<ChallengePlan>> IPlanCatalogGrain.GetAllAsync() => Task.FromResult(catalog.All);

    Task<ChallengePlan?> IPlanCatalogGrain.FindAsync(string planId) => Task.FromResult(catalog.Find(planId));
}
