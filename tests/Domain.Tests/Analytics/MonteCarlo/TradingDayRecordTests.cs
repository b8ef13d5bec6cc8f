using Crucible.Grains.Analytics.MonteCarlo;
using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Domain.Tests.Analytics.MonteCarlo;

public sealed class TradingDayRecordTests
{
    // Days reset at 00:00 Prague = 23:00 UTC in January.
    private static readonly TradingDayClock Prague = new("Europe/Prague", new TimeOnly(0, 0));

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    private static Fill Fill(string id, string order, string symbol, string utc, decimal realized, decimal commission) =>
        new(id, order, symbol, OrderSide.Buy, 1m, 100m, commission, realized, At(utc), 1);

    [Fact]
    public void Days_from_samples_keep_the_intraday_low_that_the_close_misses_and_count_orders()
    {
        var samples = new EquitySample[]
        {
            new(At("2026-01-05T08:00:00Z"), 100_000m, 100_000m),
            new(At("2026-01-05T10:00:00Z"), 100_000m, 97_500m),   // dip of 2,500 …
            new(At("2026-01-05T15:00:00Z"), 101_000m, 101_000m),  // … closes +1,000
            new(At("2026-01-05T23:30:00Z"), 101_000m, 100_600m),  // next day (Prague): −400, no lower sample
            // 2026-01-07 (Prague) has no sample: a day of nothing
            new(At("2026-01-08T09:00:00Z"), 102_000m, 102_000m),  // +1,400 with a dip to the open only
        };
        var fills = new[]
        {
            Fill("f1", "o1", "ES", "2026-01-05T09:00:00Z", 0m, 2m),
            Fill("f2", "o2", "ES", "2026-01-05T15:00:00Z", 1_000m, 2m),
            Fill("f3", "o2", "ES", "2026-01-05T15:00:01Z", 0m, 0m),
            Fill("f4", "o3", "ES", "2026-01-08T09:00:00Z", 1_400m, 0m),
        };

        var days = TradingDayRecord.FromSamples(samples, fills, Prague, 100_000m);

        Assert.Equal(
            [new SourceDay(1_000m, -2_500m, 2), new SourceDay(-400m, -400m, 0), new SourceDay(0m, 0m, 0), new SourceDay(1_400m, 0m, 1)],
            days);
    }

    [Fact]
    public void Days_from_fills_sum_net_pnl_with_the_running_low()
    {
        var fills = new[]
        {
            Fill("f1", "o1", "ES", "2026-01-05T09:00:00Z", -300m, 5m),  // −305
            Fill("f2", "o2", "ES", "2026-01-05T10:00:00Z", 500m, 5m),   // +495 → day +190, low −305
            Fill("f3", "o3", "ES", "2026-01-06T23:10:00Z", 50m, 0m),    // 2026-01-07 Prague; 01-06 Prague had nothing
        };
        Assert.Equal([new SourceDay(190m, -305m, 2), new SourceDay(0m, 0m, 0), new SourceDay(50m, 0m, 1)],
            TradingDayRecord.FromFills(fills, Prague));
    }

    [Fact]
    public void Closed_trades_carry_their_opening_commissions_once()
    {
        var fills = new[]
        {
            Fill("f1", "open-es", "ES", "2026-01-05T09:00:00Z", 0m, 2m),
            Fill("f2", "open-nq", "NQ", "2026-01-05T09:01:00Z", 0m, 3m),
            Fill("f3", "close-es", "ES", "2026-01-05T09:30:00Z", 120m, 1m),
            Fill("f4", "close-es", "ES", "2026-01-05T09:30:01Z", 30m, 1m),
            Fill("f5", "close-nq", "NQ", "2026-01-06T09:00:00Z", -80m, 3m),
        };
        var trades = ClosedTradeResults.FromFills(fills);

        Assert.Equal([("close-es", 146m), ("close-nq", -86m)], trades.Select(t => (t.OrderId, t.NetPnl)));
        Assert.Equal(1, ClosedTradeResults.TradesPerDay(trades, Prague)); // two trades on two days
    }
}
