using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Snapshots;

/// <summary>
/// Everything a running phase (<see cref="PhaseEvaluation"/>) keeps besides its evidence and samples, which the ledger
/// holds row by row: the rule engine, the session rules, the account as last observed, a decision. Plain values, written
/// to the ledger as JSON with every append of an assessment account, so that a phase restored from it goes on exactly
/// as if it had never stopped (docs/durability.md "Assessment accounts").
/// </summary>
public sealed record PhaseSnapshot(
    RuleEngineSnapshot Engine,
    PhaseSessionSnapshot Session,
    decimal Balance,
    decimal Equity,
    bool HasOpenPositions,
    decimal PeakEquity,
    decimal MaxDrawdown,
    DateTimeOffset LastObservedAt,
    PhaseStatus? Decided,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    RuleEvent? Evidence,
    IReadOnlyList<RuleEvent> Unreported);
