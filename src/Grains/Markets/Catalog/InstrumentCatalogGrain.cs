using Crucible.Grains.Interfaces.Markets;
using Orleans.Concurrency;

namespace Crucible.Grains.Markets.Catalog;

/// <summary>
/// Serves the silo's catalog to clients. A stateless worker: every silo answers from its own copy of
/// the file, so catalog reads never queue behind one activation.
/// </summary>
[StatelessWorker]
public sealed class InstrumentCatalogGrain(InstrumentCatalog catalog) : Grain, IInstrumentCatalogGrain
{
    private readonly IReadOnlyList<InstrumentSpec> specs = [.. catalog.All.Select(i => i.Spec)];

    Task<IReadOnlyList<InstrumentSpec>> IInstrumentCatalogGrain.GetAllAsync() => Task.FromResult(specs);

    Task<InstrumentSpec?> IInstrumentCatalogGrain.FindAsync(string symbol) => Task.FromResult(catalog.Find(symbol)?.Spec);
}
