using Crucible.Grains.Markets.Catalog;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>Builds the tick source an instrument's catalog entry asks for; null for an external feed.</summary>
public interface ITickSourceFactory
{
    ITickSource? Create(InstrumentDefinition definition, DateTimeOffset start);
}
