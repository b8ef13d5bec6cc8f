namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>The challenge plans the cluster sells, as loaded from the silo's plan catalog file.</summary>
[Alias("crucible.IPlanCatalogGrain")]
public interface IPlanCatalogGrain : IGrainWithIntegerKey
{
    [Alias("GetAll")]
    Task<IReadOnlyList<ChallengePlan>> GetAllAsync();

    /// <summary>The plan with this id (case-insensitive), or null.</summary>
    [Alias("Find")]
    Task<ChallengePlan?> FindAsync(string planId);
}
