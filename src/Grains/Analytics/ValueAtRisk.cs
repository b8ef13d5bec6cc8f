namespace Crucible.Grains.Analytics;

/// <summary>
/// Historical value at risk from the account's own daily returns (docs/statistics.md "Risk"): at confidence c over n
/// daily returns sorted ascending, the k-th lowest with k = max(1, ⌈(1 − c) × n⌉); VaR is its loss (0 when that return is
/// not a loss), as a fraction and as an amount of the reference equity. Null without a daily return.
/// </summary>
public static class ValueAtRisk
{
    public static ValueAtRiskFigure? Historical(IReadOnlyList<DailyReturn> returns, decimal confidence, decimal equity)
    {
        ArgumentNullException.ThrowIfNull(returns);
        if (confidence is <= 0m or >= 1m) throw new ArgumentOutOfRangeException(nameof(confidence));
        if (returns.Count == 0) return null;
        var sorted = returns.Select(r => r.Return).Order().ToList();
        var k = Math.Max(1, (int)Math.Ceiling((1m - confidence) * sorted.Count));
        var loss = Math.Max(0m, -sorted[k - 1]);
        return new ValueAtRiskFigure(confidence, returns.Count, Math.Round(loss * 100m, 4, MidpointRounding.AwayFromZero),
            Math.Round(loss * equity, 2, MidpointRounding.AwayFromZero));
    }
}

/// <summary>A one-day VaR: at <see cref="Confidence"/>, over <see cref="Days"/> daily returns, as a percent and an amount.</summary>
public sealed record ValueAtRiskFigure(decimal Confidence, int Days, decimal Percent, decimal Amount);
