using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges;

/// <summary>
/// Evaluates one phase's rules on every observation of the account, exactly as docs/rules.md says. Plain and
/// single-threaded: the grain that owns the account calls it after every tick and fill, and at each reset.
/// </summary>
public sealed class RuleEngine
{
    public RuleEngine(PhaseRules rules, decimal initialBalance, DateTimeOffset startedAt) => throw new NotImplementedException();

    public PhaseStatus Status => throw new NotImplementedException();

    /// <summary>When the phase passed, failed or expired.</summary>
    public DateTimeOffset? EndedAt => throw new NotImplementedException();

    /// <summary>The rule whose breach failed the phase (or that expired it), e.g. "dailyLoss".</summary>
    public string? EndedBy => throw new NotImplementedException();

    /// <summary>True after a soft breach until the next reset: new orders are refused.</summary>
    public bool TradingBlocked => throw new NotImplementedException();

    /// <summary>Evaluates an observation; returns the rule events it caused, in order.</summary>
    public IReadOnlyList<RuleEvent> Observe(Observation observation) => throw new NotImplementedException();

    /// <summary>The next reset instant after <paramref name="time"/>, for the grain's clock.</summary>
    public DateTimeOffset NextReset(DateTimeOffset time) => throw new NotImplementedException();
}
