namespace Crucible.Api.Challenges;

/// <summary>An equity sample with the daily-loss and overall-loss floors in force then (null for a rule the plan lacks).</summary>
public sealed record AuditEquityPoint(DateTimeOffset Time, decimal Balance, decimal Equity, decimal? DailyFloor, decimal? OverallFloor);

/// <summary>One phase account's time line and equity curve, with the plan's time zone and reset time its days follow.</summary>
public sealed record PhaseTimeline(
    int Attempt,
    int PhaseIndex,
    string AccountId,
    string? TimeZone,
    string? ResetTime,
    decimal InitialBalance,
    IReadOnlyList<AuditEntry> Entries,
    IReadOnlyList<AuditEquityPoint> Equity);
