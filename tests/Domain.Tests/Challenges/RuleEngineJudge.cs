using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.TestSupport.Challenges;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>The rule engine as the agreement harness sees it.</summary>
internal sealed class RuleEngineJudge(PhaseRules rules, decimal initialBalance, DateTimeOffset start) : IChallengeJudge
{
    private readonly RuleEngine engine = new(rules, initialBalance, start);

    public PhaseStatus Status => engine.Status;

    public DateTimeOffset? EndedAt => engine.EndedAt;

    public string? EndedBy => engine.EndedBy;

    public bool TradingBlocked => engine.TradingBlocked;

    public void Observe(Observation observation) => engine.Observe(observation);

    public DateTimeOffset NextReset(DateTimeOffset time) => engine.NextReset(time);
}
