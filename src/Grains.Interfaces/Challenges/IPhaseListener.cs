using Orleans.Concurrency;

namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// What a position book tells the assessment that owns its phase. One-way: the book never waits on the assessment,
/// so the assessment may call the book at any time without a deadlock.
/// </summary>
[Alias("crucible.IPhaseListener")]
public interface IPhaseListener : IGrainWithStringKey
{
    [OneWay, Alias("OnPhaseEnded")]
    Task OnPhaseEndedAsync(PhaseOutcome outcome);
}
