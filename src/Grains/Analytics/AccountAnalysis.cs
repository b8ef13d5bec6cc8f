using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics;

/// <summary>
/// One account's analytics, derived once from its <see cref="AccountActivity"/>: round trips, the equity curve, the
/// trading days and, for an assessment account, the floors; statistics and equity history over any period.
/// </summary>
public sealed class AccountAnalysis
{
    public AccountAnalysis(AccountActivity activity, Func<string, decimal> multiplierOf)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Activity = activity;
        Days = activity.Days;
        Curve = EquityCurve.Of(activity.InitialBalance, activity.StartedAt ?? DateTimeOffset.UnixEpoch, activity.Samples, activity.Fills, activity.Settlements);
        Trades = RoundTripBuilder.Build(activity.Fills, activity.Settlements, multiplierOf, activity.Samples);
        Floors = activity.Evaluation is { } e ? new FloorTimeline(e.Rules, activity.InitialBalance, activity.RuleEvents) : null;
    }

    public AccountActivity Activity { get; }

    public AnalyticsDays Days { get; }

    public IReadOnlyList<EquitySample> Curve { get; }

    public RoundTripBuilder.Result Trades { get; }

    public FloorTimeline? Floors { get; }

    /// <summary>The account's start: the phase's start, else its first fill, else <paramref name="now"/>.</summary>
    public DateTimeOffset From(DateTimeOffset now) => Activity.StartedAt ?? now;

    /// <summary>Just after the last thing recorded, or <paramref name="now"/> when later (an account still running).</summary>
    public DateTimeOffset To(DateTimeOffset now, bool ended)
    {
        var last = new[] { Curve.Count > 0 ? Curve[^1].Time : (DateTimeOffset?)null, Activity.Fills.Count > 0 ? Activity.Fills[^1].Time : null }
            .Max() ?? From(now);
        var end = last.AddTicks(1);
        return ended || now < end ? end : now;
    }

    public TradingStatistics Statistics(DateTimeOffset from, DateTimeOffset to) =>
        Analytics.Statistics.Compute(new StatisticsInput(Activity.InitialBalance, Trades.Trades, Trades.Open, Curve, Days), from, to);

    public IReadOnlyList<EquityBar> History(EquityResolution resolution, DateTimeOffset from, DateTimeOffset to) =>
        EquityHistory.Of([.. Curve.Where(p => p.Time >= from && p.Time < to)], resolution, Days, Floors);

    /// <summary>The daily closes and returns over [from, to) (risk figures).</summary>
    public IReadOnlyList<DailyReturn> DailyReturns(DateTimeOffset from, DateTimeOffset to) =>
        Analytics.Statistics.DailyReturns(EquityCurve.Within(Curve, Activity.InitialBalance, from, to), Days);
}
