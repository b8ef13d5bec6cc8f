using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets.Feeds;

/// <summary>
/// What a feed keeps across reactivation and failover (docs/markets.md "Feed continuity"): sequence numbers are
/// reserved in blocks before any of them is published, so a feed that comes back (here or on another silo) starts
/// past every number it may have used; and the last quote, checkpointed at most once a second, so a moved feed
/// answers with it at once instead of having no quote until its next tick.
/// </summary>
[GenerateSerializer, Alias("crucible.FeedContinuityState")]
public sealed class FeedContinuityState
{
    /// <summary>Every sequence number up to this one may have been published.</summary>
    [Id(0)] public long ReservedThrough { get; set; }

    [Id(1)] public Quote? LastQuote { get; set; }
}

/// <summary>The block reservation and checkpoint arithmetic, plain so it is tested without a silo.</summary>
public static class FeedContinuity
{
    /// <summary>Sequence numbers reserved per storage write: a write per 1,000 ticks on top of the checkpoints.</summary>
    public const long BlockSize = 1_000;

    public static readonly TimeSpan CheckpointPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The first sequence a feed resumed from <paramref name="state"/> publishes after its last quote.</summary>
    public static long ResumeAfter(FeedContinuityState state) => Math.Max(state.ReservedThrough, state.LastQuote?.Sequence ?? 0);

    /// <summary>Whether publishing <paramref name="sequence"/> first needs a new block written.</summary>
    public static bool NeedsReservation(FeedContinuityState state, long sequence) => sequence > state.ReservedThrough;
}
