namespace Crucible.Grains.Interfaces.Markets;

/// <summary>The instruments the cluster trades, as loaded from the silo's catalog file.</summary>
[Alias("crucible.IInstrumentCatalogGrain")]
public interface IInstrumentCatalogGrain : IGrainWithIntegerKey
{
    [Alias("GetAll")]
    Task<IReadOnlyList<InstrumentSpec>> GetAllAsync();

    /// <summary>The instrument with this symbol (case-insensitive), or null.</summary>
    [Alias("Find")]
    Task<InstrumentSpec?> FindAsync(string symbol);
}
