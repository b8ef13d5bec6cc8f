using Crucible.Grains.Analytics;

namespace Crucible.Api.Analytics;

/// <summary>
/// The risk report, per account over the period: the drawdown profile (every episode on the intraday curve), exposure,
/// the worst days by equity change, and one-day historical value at risk at 95 % and 99 % from the account's own daily
/// returns (docs/statistics.md "Risk").
/// </summary>
public static class RiskReport
{
    public const int WorstDayCount = 5;

    public sealed record Model(string Report, string Subject, IReadOnlyList<Account> Accounts);

    public sealed record Account(
        string AccountId,
        string Label,
        DateTimeOffset From,
        DateTimeOffset To,
        decimal MaxDrawdown,
        decimal MaxDrawdownPercent,
        TimeSpan MaxDrawdownDuration,
        TimeSpan ExposureTime,
        decimal ExposurePercent,
        decimal LargestOpenQuantity,
        IReadOnlyList<ValueAtRiskFigure> ValueAtRisk,
        IReadOnlyList<DailyReturn> WorstDays,
        IReadOnlyList<DrawdownEpisode> Drawdowns);

    public static Model Build(string subject, IEnumerable<(AnalyticsScope Scope, DateTimeOffset From, DateTimeOffset To)> scopes) =>
        new("risk", subject, [.. scopes.Select(s => Of(s.Scope, s.From, s.To))]);

    private static Account Of(AnalyticsScope scope, DateTimeOffset from, DateTimeOffset to)
    {
        var analysis = scope.Analysis;
        var statistics = analysis.Statistics(from, to);
        var curve = EquityCurve.Within(analysis.Curve, analysis.Activity.InitialBalance, from, to);
        var returns = analysis.DailyReturns(from, to);
        var trades = analysis.Trades.Trades.Where(t => t.ExitTime >= from && t.ExitTime < to).ToList();
        var var = new[] { 0.95m, 0.99m }.Select(c => ValueAtRisk.Historical(returns, c, statistics.EndEquity)).OfType<ValueAtRiskFigure>().ToList();
        return new Account(scope.AccountId, scope.Label, from, to, statistics.MaxDrawdown, statistics.MaxDrawdownPercent, statistics.MaxDrawdownDuration,
            statistics.ExposureTime, statistics.ExposurePercent, trades.Count > 0 ? trades.Max(t => t.Quantity) : 0m, var,
            [.. returns.Where(r => r.Change < 0m).OrderBy(r => r.Change).Take(WorstDayCount)],
            DrawdownProfile.Of(curve));
    }
}
