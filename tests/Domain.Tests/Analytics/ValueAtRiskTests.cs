using Crucible.Grains.Analytics;

namespace Crucible.Domain.Tests.Analytics;

public sealed class ValueAtRiskTests
{
    private static IReadOnlyList<DailyReturn> Returns(params decimal[] r) =>
        [.. r.Select((x, i) => new DailyReturn(new DateOnly(2026, 3, 2).AddDays(i), DateTimeOffset.UnixEpoch, 0m, 0m, x))];

    [Fact]
    public void Historical_var_is_the_kth_lowest_daily_return_with_k_the_ceiling_of_the_tail_share()
    {
        var returns = Returns(-0.03m, -0.01m, 0.02m, 0.005m, -0.02m);

        // 5 % of 5 days = 0.25 → k = 1: the worst day, −3 %; 40 % of 5 = 2 → the second worst, −2 %.
        Assert.Equal(new ValueAtRiskFigure(0.95m, 5, 3m, 300m), ValueAtRisk.Historical(returns, 0.95m, 10_000m));
        Assert.Equal(new ValueAtRiskFigure(0.6m, 5, 2m, 200m), ValueAtRisk.Historical(returns, 0.6m, 10_000m));
    }

    [Fact]
    public void Without_a_losing_day_var_is_zero_and_without_days_there_is_none()
    {
        Assert.Equal(0m, ValueAtRisk.Historical(Returns(0.01m, 0.02m), 0.95m, 10_000m)!.Amount);
        Assert.Null(ValueAtRisk.Historical([], 0.95m, 10_000m));
    }
}
