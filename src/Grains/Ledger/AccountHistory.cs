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
    IReadOnlyList<EquitySampled> EquitySamples);
