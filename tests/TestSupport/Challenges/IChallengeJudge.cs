using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.TestSupport.Challenges;

/// <summary>What <see cref="ChallengeAgreement"/> compares: the rule engine's public surface, so that the harness can
/// also be driven by the replay itself (to check the feed and the harness before the engine exists).</summary>
public interface IChallengeJudge
{
    PhaseStatus Status { get; }

    DateTimeOffset? EndedAt { get; }

    string? EndedBy { get; }

    bool TradingBlocked { get; }

    void Observe(Observation observation);

    DateTimeOffset NextReset(DateTimeOffset time);
}
