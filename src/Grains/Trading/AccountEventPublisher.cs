using Crucible.Grains.Telemetry;
using System.Diagnostics;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Crucible.Grains.Trading;

/// <summary>
/// Puts an account's events on its stream once each operation is committed, without the operation waiting for it:
/// the events of an operation are handed over at once and leave as one batch (one enqueue, not one per event), one
/// batch at a time so they arrive in sequence order. While a batch is on its way, what the next operations publish
/// waits here, and balance and progress updates are conflated (latest wins; they repeat a sequence, so dropping an
/// older one opens no gap).
/// </summary>
/// <remarks>
/// Marks are conflated at the source: a batch of nothing but balance and progress updates (what a tick of a held
/// symbol makes) leaves at most once per <see cref="MarkInterval"/>, the latest values then; anything numbered (an
/// order, a fill, a rule event) leaves at once and takes the waiting updates with it. So a tick costs a stream enqueue
/// per account at most a few times a second, however fast the market, and rule checks are not touched (they run in
/// the grain on every tick). Single-threaded: <see cref="Publish"/> is called from the grain's turns, and the flush
/// continues on the grain's own scheduler, which never runs two pieces of the activation at once. A batch the stream
/// refuses (a full queue, a silo going away) is logged and dropped: the operation is committed and answered already,
/// and subscribers see the sequence gap and resync from the grain.
/// </remarks>
internal sealed class AccountEventPublisher(IAsyncStream<AccountEvent> stream, string accountId, ILogger logger)
{
    /// <summary>The API host sends balance updates at most 4 times a second per account by default: no need to queue more.</summary>
    public static readonly TimeSpan MarkInterval = TimeSpan.FromMilliseconds(250);

    // Conflated updates leave a null where they were; the latest is always appended after every event it reflects.
    private List<AccountEvent?> pending = [];
    private int accountUpdateAt = -1;
    private int evaluationUpdateAt = -1;
    private bool pendingNumbered;
    private long lastFlush;
    private CancellationTokenSource? markWait;
    private Task flushing = Task.CompletedTask;

    /// <summary>Completes when everything handed over so far has left (or was dropped).</summary>
    public Task Flushed => flushing;

    public void Publish(IEnumerable<AccountEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case AccountUpdated:
                    Conflate(ref accountUpdateAt);
                    accountUpdateAt = pending.Count;
                    break;
                case EvaluationUpdated:
                    Conflate(ref evaluationUpdateAt);
                    evaluationUpdateAt = pending.Count;
                    break;
                default:
                    pendingNumbered = true;
                    break;
            }
            pending.Add(e);
        }
        if (pendingNumbered)
            markWait?.Cancel();
        if (flushing.IsCompleted && pending.Count > 0)
            flushing = FlushAsync();
    }

    private void Conflate(ref int at)
    {
        if (at >= 0) pending[at] = null;
        at = -1;
    }

    private async Task FlushAsync()
    {
        while (pending.Count > 0)
        {
            var wait = pendingNumbered ? TimeSpan.Zero : MarkInterval - Stopwatch.GetElapsedTime(lastFlush);
            if (wait > TimeSpan.Zero)
            {
                // Only marks wait: until their interval is over, or until something numbered comes to take them along.
                using (markWait = new CancellationTokenSource())
                    await Task.Delay(wait, markWait.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                markWait = null;
                continue;
            }
            var batch = new List<AccountEvent>(pending.Count);
            foreach (var e in pending)
                if (e is not null) batch.Add(e);
            pending = [];
            accountUpdateAt = evaluationUpdateAt = -1;
            pendingNumbered = false;
            lastFlush = Stopwatch.GetTimestamp();
            try
            {
                await stream.OnNextBatchAsync(batch);
            }
            catch (Exception e)
            {
                CrucibleMetrics.AccountEventsPublishFailed();
                logger.LogWarning(e, "Account {AccountId}: {Events} events (sequence {First}-{Last}) could not be published; subscribers see the gap and resync",
                    accountId, batch.Count, batch[0].Sequence, batch[^1].Sequence);
            }
        }
    }
}
