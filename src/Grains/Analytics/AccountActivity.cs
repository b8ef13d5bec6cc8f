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

    public static DateTimeOffset? StartOf(AccountEvaluation? evaluation, IReadOnlyList<Fill> fills) =>
        evaluation?.StartedAt ?? (fills.Count > 0 ? fills[0].Time : null);

    /// <summary>The trading days: the phase's plan clock, or UTC days for a paper account.</summary>
    public AnalyticsDays Days => Evaluation is { } e ? new AnalyticsDays(e.Rules.TimeZone, e.Rules.ResetTime) : AnalyticsDays.Utc;
}
