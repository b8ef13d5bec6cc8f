using Crucible.Grains.Analytics;

namespace Crucible.Api.Analytics;

/// <summary>The trade history report: every round trip closed in the period and the lots still open, per account.</summary>
public static class TradeHistoryReport
{
    public sealed record Model(string Report, string Subject, IReadOnlyList<Account> Accounts);

    public sealed record Account(string AccountId, string Label, DateTimeOffset From, DateTimeOffset To, int Trades, decimal NetPnl,
        IReadOnlyList<RoundTrip> RoundTrips, IReadOnlyList<OpenLot> Open);

    public static Model Build(string subject, IEnumerable<(AnalyticsScope Scope, DateTimeOffset From, DateTimeOffset To)> scopes) =>
        new("trades", subject, [.. scopes.Select(s => Of(s.Scope, s.From, s.To))]);

    public static Account Of(AnalyticsScope scope, DateTimeOffset from, DateTimeOffset to)
    {
        var trades = scope.Analysis.Trades.Trades.Where(t => t.ExitTime >= from && t.ExitTime < to).ToList();
        return new Account(scope.AccountId, scope.Label, from, to, trades.Count, trades.Sum(t => t.NetPnl), trades, scope.Analysis.Trades.Open);
    }
}
