using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Snapshots;

/// <summary>The running state of a <see cref="RuleEngine"/>: its status, clock, last answers, each rule's own state and the shared progress.</summary>
public sealed record RuleEngineSnapshot(
    PhaseStatus Status,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    bool TradingBlocked,
    DateTimeOffset NextReset,
    DateTimeOffset LastTime,
    decimal LastBalance,
    IReadOnlyList<bool> ObjectiveMet,
    IReadOnlyList<RuleCheckState> LastChecks,
    IReadOnlyList<RuleState> Rules,
    PhaseProgressSnapshot Progress);

/// <summary>A rule's answer at the last observation that reached it (<see cref="RuleCheck"/>), by rule name.</summary>
public sealed record RuleCheckState(string Rule, RuleOutcome Outcome, decimal Measured, decimal Limit, string Message);

/// <summary>
/// The state a rule keeps itself (<see cref="IStatefulRule"/>): a loss guard's floor with its anchor or high-water mark,
/// a time limit's days (extensions included). Fields a rule does not have are null.
/// </summary>
public sealed record RuleState(string Rule, decimal? Floor = null, decimal? Anchor = null, decimal? HighWaterMark = null, int? Days = null);
