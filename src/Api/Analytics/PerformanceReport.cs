using Crucible.Grains.Analytics;

namespace Crucible.Api.Analytics;

/// <summary>The performance report: every statistic of docs/statistics.md over the period, per account.</summary>
public static class PerformanceReport
{
    public sealed record Model(string Report, string Subject, IReadOnlyList<Account> Accounts);

    public sealed record Account(string AccountId, string Label, TradingStatistics Statistics);

    public static Model Build(string subject, IEnumerable<(AnalyticsScope Scope, DateTimeOffset From, DateTimeOffset To)> scopes) =>
        new("performance", subject, [.. scopes.Select(s => new Account(s.Scope.AccountId, s.Scope.Label, s.Scope.Analysis.Statistics(s.From, s.To)))]);
}
