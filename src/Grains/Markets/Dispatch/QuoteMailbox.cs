using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Crucible.Grains.Interfaces.Markets;
using Microsoft.Extensions.Logging;

namespace Crucible.Grains.Markets.Dispatch;

/// <summary>
/// The quotes the silo's <see cref="MarketDispatcher"/> has for one account activation and that the activation has not
/// taken yet, in the order they came (per symbol: the feed's order). The dispatcher posts; when the mailbox goes from
/// idle to holding quotes it wakes the activation with one <see cref="IMarketFollower.TakeQuotesAsync"/> call, and the
/// activation takes every quote in its own turn (its book is never touched outside one). A burst of ticks while the
/// account is busy costs one call, not one per tick, and no tick is dropped.
/// </summary>
/// <remarks>
/// One producer at a time per symbol (the dispatcher's delivery of a stream is sequential), possibly several symbols
/// at once; one consumer (the activation). The wake flag is cleared before the consumer last looks at the queue, so a
/// quote posted at any moment is either taken by the running turn or wakes a new one.
/// </remarks>
public sealed class QuoteMailbox(IMarketFollower owner, string accountId, ILogger logger)
{
    private readonly ConcurrentQueue<Quote> queue = new();
    private int awake;

    public string AccountId { get; } = accountId;

    /// <summary>The symbols it follows; owned by the dispatcher (changed under its lock).</summary>
    internal HashSet<string> Symbols { get; } = new(StringComparer.Ordinal);

    public void Post(Quote quote)
    {
        queue.Enqueue(quote);
        if (Interlocked.CompareExchange(ref awake, 1, 0) == 0)
            Wake();
    }

    /// <summary>The next quote to apply; false when there is none and the mailbox has gone idle (a later post wakes the owner).</summary>
    public bool TryTake([MaybeNullWhen(false)] out Quote quote)
    {
        if (queue.TryDequeue(out quote))
            return true;
        Volatile.Write(ref awake, 0);
        // A quote posted between the failed dequeue and the reset found the flag set and woke no one: take it here,
        // unless a post after the reset already woke the owner again (then that call takes it).
        if (queue.IsEmpty || Interlocked.CompareExchange(ref awake, 1, 0) != 0)
            return false;
        return queue.TryDequeue(out quote);
    }

    /// <summary>The owner stopped taking with quotes left (it took its share for one turn): it is called again, after what waits.</summary>
    public void WakeAgain() => Wake();

    private void Wake() =>
        owner.TakeQuotesAsync().ContinueWith(static (call, state) => ((QuoteMailbox)state!).WakeFailed(call.Exception!), this,
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>The wake call failed (the activation timed out or went): the next post wakes it again; queued quotes stay.</summary>
    private void WakeFailed(Exception e)
    {
        logger.LogWarning(e.GetBaseException(), "Account {AccountId} could not be woken for {Quotes} queued quotes; the next quote tries again", AccountId, queue.Count);
        Volatile.Write(ref awake, 0);
    }
}
