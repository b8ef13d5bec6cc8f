using System.Collections.Concurrent;

namespace Crucible.LoadTest;

/// <summary>What the bots counted while the run went on; safe to update from every bot at once.</summary>
public sealed class RunCounters
{
    private long accepted;
    private long rejected;
    private long fills;
    private long errors;
    private long rateLimited;

    /// <summary>Refusals by code: the engine's (e.g. insufficient_buying_power, rate_limited), or http_NNN / transport.</summary>
    public ConcurrentDictionary<string, long> RejectedByCode { get; } = new(StringComparer.Ordinal);

    public LatencyRecorder OrderAck { get; } = new();

    /// <summary>Submit → the Fill event on /hubs/accounts, for the accounts of the sampled SignalR clients.</summary>
    public LatencyRecorder OrderToFill { get; } = new();

    /// <summary>A quote's time → its arrival on /hubs/market at a sampled client.</summary>
    public LatencyRecorder TickToClient { get; } = new();

    public long Accepted => Interlocked.Read(ref accepted);
    public long Rejected => Interlocked.Read(ref rejected);
    public long Fills => Interlocked.Read(ref fills);
    public long Errors => Interlocked.Read(ref errors);
    public long RateLimited => Interlocked.Read(ref rateLimited);
    public long Orders => Accepted + Rejected;

    public void CountAccepted(bool filled)
    {
        Interlocked.Increment(ref accepted);
        if (filled) Interlocked.Increment(ref fills);
    }

    /// <summary>A refusal; <paramref name="error"/> for the ones that are the engine's or the network's trouble, not the order's.</summary>
    public void CountRejected(string code, bool error)
    {
        Interlocked.Increment(ref rejected);
        RejectedByCode.AddOrUpdate(code, 1, (_, n) => n + 1);
        if (error) Interlocked.Increment(ref errors);
        if (code == "rate_limited") Interlocked.Increment(ref rateLimited);
    }
}
