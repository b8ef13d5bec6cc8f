using Orleans.Concurrency;

namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// A grain that follows quotes through its silo's market dispatcher (docs/scale.md): the dispatcher queues each quote
/// of a followed symbol for the activation and calls this so the activation takes them in its own turn. Only the
/// dispatcher calls it; a call with nothing queued does nothing.
/// </summary>
[Alias("crucible.IMarketFollower")]
public interface IMarketFollower : IGrainWithStringKey
{
    /// <summary>
    /// Applies, in order, every quote the silo's dispatcher has queued for this activation. One-way: a wake has no answer
    /// to wait for, and an awaited call per wake left a response object behind in Orleans' per-thread pools (measured:
    /// bench/README.md "Soak and memory"). A wake that is lost is sent again by the next quote (QuoteMailbox).
    /// </summary>
    [OneWay, Alias("TakeQuotes")]
    Task TakeQuotesAsync();
}
