using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>
/// Produces an instrument's ticks on its own schedule. The feed grain polls it from a timer and hands
/// it the current time; the source returns, in order, every tick that is due by then.
/// </summary>
public interface ITickSource
{
    /// <summary>
    /// When the next tick is due, or null once the source is completed. The feed arms its timer for this
    /// moment, so a tick goes out at its scheduled time instead of up to a polling period late.
    /// </summary>
    DateTimeOffset? NextDueTime { get; }

    /// <summary>True once the source will produce nothing more (a settled contract, a replay without loop).</summary>
    bool IsCompleted { get; }

    /// <summary>The ticks due at or before <paramref name="now"/> that have not been returned yet.</summary>
    IReadOnlyList<MarketTick> Poll(DateTimeOffset now);
}
