using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics;

public enum EquityResolution
{
    OneMinute = 0,
    OneHour = 1,
    OneDay = 2,
}

/// <summary>
/// Equity over time in buckets of one minute, one hour (both aligned on UTC) or one trading day (the account's day
/// clock): per bucket the OHLC of the equity points in it (open = first, close = last), the balance at the close, how many
/// points it holds, and the floors in force at its close (docs/statistics.md "Equity history"). Buckets without a
/// point are left out: the chart joins the closes.
/// </summary>
public static class EquityHistory
{
    public static IReadOnlyList<EquityBar> Of(IReadOnlyList<EquitySample> curve, EquityResolution resolution, AnalyticsDays days, FloorTimeline? floors)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return [.. curve.GroupBy(p => BucketStart(p.Time, resolution, days))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var points = g.ToList();
                var close = points[^1];
                return new EquityBar(g.Key, points[0].Equity, points.Max(p => p.Equity), points.Min(p => p.Equity), close.Equity, close.Balance,
                    points.Count, close.Time, floors?.DailyAt(close.Time), floors?.OverallAt(close.Time));
            })];
    }

    public static DateTimeOffset BucketStart(DateTimeOffset time, EquityResolution resolution, AnalyticsDays days)
    {
        if (resolution == EquityResolution.OneDay) return days.DayStart(time).ToUniversalTime();
        var length = resolution == EquityResolution.OneMinute ? TimeSpan.TicksPerMinute : TimeSpan.TicksPerHour;
        var utc = time.UtcTicks;
        return new DateTimeOffset(utc - utc % length, TimeSpan.Zero);
    }
}

/// <summary>One bucket of equity history; <see cref="DailyFloor"/> and <see cref="OverallFloor"/> are null for a rule the account does not have.</summary>
public sealed record EquityBar(
    DateTimeOffset Start,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Balance,
    int Points,
    DateTimeOffset CloseAt,
    decimal? DailyFloor,
    decimal? OverallFloor);
