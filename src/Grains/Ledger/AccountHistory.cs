namespace Crucible.Grains.Ledger;

/// <summary>
/// An account's ledger: its opening (null when none was recorded), every state of its orders, its fills and
/// settlements, rule events and equity samples, each in the order they were appended.
/// </summary>
public sealed record AccountHistory(
    string AccountId,
    AccountOpened? Opened,
    IReadOnlyList<OrderRecorded> Orders,
    IReadOnlyList<FillRecorded> Fills,
    IReadOnlyList<PositionSettled> Settlements,
    IReadOnlyList<RuleEventRecorded> RuleEvents,
    IReadOnlyList<EquitySampled> EquitySamples)
{
    /// <summary>The latest phase snapshot of an assessment account (the one with the highest sequence); null when none was recorded.</summary>
    public PhaseSnapshotRecorded? PhaseSnapshot { get; init; }

    /// <summary>Why the latest phase snapshot could not be read (a record written by another version), or null.</summary>
    public string? PhaseSnapshotProblem { get; init; }
}
