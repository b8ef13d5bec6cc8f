using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;

namespace Crucible.Grains.Analytics;

/// <summary>
/// What analytics read of one account, whichever store it came from: the ledger in durable mode, the position book in
/// embedded mode (docs/statistics.md "Where the numbers come from"). <see cref="StartedAt"/> is the phase's start for an
/// assessment account and the first fill's time for a paper account (the two stores agree on both).
/// </summary>
public sealed record AccountActivity(
    string AccountId,
    decimal InitialBalance,
    DateTimeOffset? StartedAt,
    AccountEvaluation? Evaluation,
    IReadOnlyList<Fill> Fills,
    IReadOnlyList<ContractSettlement> Settlements,
    IReadOnlyList<RuleEvent> RuleEvents,
    IReadOnlyList<EquitySample> Samples)
{
    /// <summary>The activity of an account as its ledger holds it; null when the ledger holds no opening for it (embedded mode).</summary>
    public static AccountActivity? FromHistory(AccountHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Opened is not { } opened) return null;
        var fills = history.Fills.Select(f => f.Fill).ToList();
        return new AccountActivity(history.AccountId, opened.InitialBalance, StartOf(opened.Evaluation, fills), opened.Evaluation, fills,
            [.. history.Settlements.Select(s => new ContractSettlement(s.Symbol, s.Price, s.Time, s.RealizedPnl))],
            [.. history.RuleEvents.Select(r => r.Event)],
            [.. history.EquitySamples.Select(s => s.Sample)]);
    }

    /// <summary>
    /// The activity as the ledger can hold it, whichever store it came from: times in UTC to the microsecond (PostgreSQL's
    /// resolution) and one equity sample per instant, the first (the ledger's natural key is the sample time).
    /// </summary>
    public AccountActivity Normalized() => this with
    {
        StartedAt = StartedAt is { } start ? Micro(start) : null,
        Evaluation = Evaluation is { } e ? e with { StartedAt = Micro(e.StartedAt) } : null,
        Fills = [.. Fills.Select(f => f with { Time = Micro(f.Time) })],
        Settlements = [.. Settlements.Select(s => s with { Time = Micro(s.Time) })],
        RuleEvents = [.. RuleEvents.Select(r => r with { Time = Micro(r.Time) })],
        Samples = [.. Samples.Select(s => s with { Time = Micro(s.Time) }).DistinctBy(s => s.Time)],
    };

    private static DateTimeOffset Micro(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    public static DateTimeOffset? StartOf(AccountEvaluation? evaluation, IReadOnlyList<Fill> fills) =>
        evaluation?.StartedAt ?? (fills.Count > 0 ? fills[0].Time : null);

    /// <summary>The trading days: the phase's plan clock, or UTC days for a paper account.</summary>
    public AnalyticsDays Days => Evaluation is { } e ? new AnalyticsDays(e.Rules.TimeZone, e.Rules.ResetTime) : AnalyticsDays.Utc;
}
