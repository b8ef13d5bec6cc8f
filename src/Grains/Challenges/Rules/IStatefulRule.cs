using Crucible.Grains.Challenges.Snapshots;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>A rule that keeps state of its own between observations, saved in the phase's snapshot and restored from it.</summary>
public interface IStatefulRule : IPhaseRule
{
    RuleState Save();

    /// <exception cref="InvalidDataException">The state is not this rule's.</exception>
    void Restore(RuleState state);
}
