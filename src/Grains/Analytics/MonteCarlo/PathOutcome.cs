using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// How one simulated path ended: the engine's status and the rule that ended it (null when passed or still active at
/// the horizon), the trading days it ran, its largest peak-to-trough equity fall and its final equity − initial.
/// </summary>
public readonly record struct PathOutcome(PhaseStatus Status, string? EndedBy, int Days, decimal MaxDrawdown, decimal FinalPnl);
