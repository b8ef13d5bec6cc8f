using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Feeds;

namespace Crucible.Domain.Tests.Markets;

public sealed class BarSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_ring_keeps_only_the_newest_bars_oldest_first()
    {
        var bars = new BarSeries(BarInterval.OneSecond, capacity: 3);
        for (var i = 0; i < 5; i++)
            bars.Add(T0.AddSeconds(i).AddMilliseconds(500), 100m + i, 1m);

        Assert.Equal(3, bars.Count);
        Assert.Equal([102m, 103m, 104m], bars.Latest(10).Select(b => b.Open));
        Assert.Equal([T0.AddSeconds(3), T0.AddSeconds(4)], bars.Latest(2).Select(b => b.Start));
        Assert.Empty(bars.Latest(0));
    }

    [Fact]
    public void A_late_tick_folds_into_the_forming_bar_instead_of_rewriting_a_closed_one()
    {
        var bars = new BarSeries(BarInterval.OneMinute, capacity: 10);
        bars.Add(T0.AddSeconds(10), 50m, 2m);
        bars.Add(T0.AddSeconds(70), 51m, 1m);
        bars.Add(T0.AddSeconds(30), 49m, 4m);   // late print for the first minute

        var latest = bars.Latest(10);
        Assert.Equal(new Bar(T0, BarInterval.OneMinute, 50m, 50m, 50m, 50m, 2m, 1), latest[0]);
        Assert.Equal(new Bar(T0.AddMinutes(1), BarInterval.OneMinute, 51m, 51m, 49m, 49m, 5m, 2), latest[1]);
    }

    [Fact]
    public void Buckets_are_aligned_to_utc_whatever_the_offset_of_the_tick_time()
    {
        var bars = new BarSeries(BarInterval.OneMinute, capacity: 10);
        bars.Add(new DateTimeOffset(2026, 1, 5, 9, 30, 59, 999, TimeSpan.FromHours(-5)), 10m, 1m);

        Assert.Equal(T0, bars.Latest(1)[0].Start);
        Assert.Equal(TimeSpan.Zero, bars.Latest(1)[0].Start.Offset);
    }
}
