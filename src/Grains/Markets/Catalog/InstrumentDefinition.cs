using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets.Catalog;

/// <summary>An instrument as the catalog defines it: the public spec and how its feed is produced.</summary>
public sealed record InstrumentDefinition(InstrumentSpec Spec, FeedSettings Feed)
{
    public string Symbol => Spec.Symbol;
}
