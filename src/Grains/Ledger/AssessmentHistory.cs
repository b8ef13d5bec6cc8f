namespace Crucible.Grains.Ledger;

/// <summary>
/// An assessment's ledger: its purchase (null when none was recorded, e.g. bought before purchases were recorded) and
/// its transitions by attempt, then sequence (the order they were appended in).
/// </summary>
public sealed record AssessmentHistory(string AssessmentId, AssessmentOpened? Opened, IReadOnlyList<AssessmentTransition> Transitions);
