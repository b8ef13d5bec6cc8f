using Crucible.Grains.Markets.Catalog;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>Resolves replay files against the catalog's folder, so a catalog can be moved with its data.</summary>
public sealed class CatalogTickSourceFactory(InstrumentCatalog catalog) : ITickSourceFactory
{
    public ITickSource? Create(InstrumentDefinition definition, DateTimeOffset start) =>
        TickSourceFactory.Create(definition, catalog.Directory, start);
}
