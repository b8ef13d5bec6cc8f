namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// A grain that follows quotes through its silo's market dispatcher (docs/scale.md): the dispatcher queues each quote
/// of a followed symbol for the activation and calls this so the activation takes them in its own turn. Only the
/// dispatcher calls it; a call with nothing queued does nothing.
/// </summary>
[Alias("crucible.IMarketFollower")]
public interface IMarketFollower : IGrainWithStringKey
{
    /// <summary>Applies, in order, every quote the silo's dispatcher has queued for this activation.</summary>
    [Alias("TakeQuotes")]
    Task TakeQuotesAsync();
}
