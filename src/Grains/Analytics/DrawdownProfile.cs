using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics;

/// <summary>
/// Every drawdown of an equity curve (docs/statistics.md "Drawdown"): an episode starts when equity falls below its
/// running peak and ends at the first point back at or above that peak (<see cref="DrawdownEpisode.RecoveredAt"/>; null
/// while still under water). Computed on every intraday sample, so a dip that the daily closes never show still counts.
/// </summary>
public static class DrawdownProfile
{
    public static IReadOnlyList<DrawdownEpisode> Of(IReadOnlyList<EquitySample> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var episodes = new List<DrawdownEpisode>();
        if (curve.Count == 0) return episodes;
        var peak = curve[0];
        EquitySample? trough = null;
        foreach (var point in curve.Skip(1))
        {
            if (point.Equity >= peak.Equity)
            {
                if (trough is not null) episodes.Add(Episode(peak, trough, point.Time));
                trough = null;
                peak = point;
            }
            else if (trough is null || point.Equity < trough.Equity)
            {
                trough = point;
            }
        }
        if (trough is not null) episodes.Add(Episode(peak, trough, null));
        return episodes;
    }

    private static DrawdownEpisode Episode(EquitySample peak, EquitySample trough, DateTimeOffset? recovered)
    {
        var depth = peak.Equity - trough.Equity;
        return new DrawdownEpisode(peak.Time, peak.Equity, trough.Time, trough.Equity, depth,
            peak.Equity > 0m ? Statistics.Percent(depth, peak.Equity) : 0m, recovered);
    }
}

/// <summary>One fall from a peak to its lowest point, and when equity came back to the peak (null: not yet).</summary>
public sealed record DrawdownEpisode(
    DateTimeOffset PeakAt,
    decimal PeakEquity,
    DateTimeOffset TroughAt,
    decimal TroughEquity,
    decimal Depth,
    decimal DepthPercent,
    DateTimeOffset? RecoveredAt)
{
    /// <summary>From the peak to the recovery, or to <paramref name="end"/> while still under water.</summary>
    public TimeSpan Duration(DateTimeOffset end) => (RecoveredAt ?? end) - PeakAt;
}
