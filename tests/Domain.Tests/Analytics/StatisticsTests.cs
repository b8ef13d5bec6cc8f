using Crucible.Grains.Analytics;
using Crucible.Grains.Interfaces.Challenges;
using static Crucible.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Crucible.Domain.Tests.Analytics;

/// <summary>
/// One scripted week on UTC days (Monday 2 March 2026): five trades over three days and an equity curve whose
/// Wednesday dip to 9,900 the daily closes never show. Every expected number is worked out in the comments.
/// </summary>
public sealed class StatisticsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Thursday = Monday.AddDays(3);

    private static RoundTrip Trade(int n, double entryMinute, double exitMinute, decimal net, decimal quantity = 1m) =>
        new(n, "X", TradeDirection.Long, quantity, 1m, At(entryMinute), 100m, $"E{n}", At(exitMinute), 101m, $"X{n}",
            net + 1m, 1m, net, null, null);

    // Minutes from Monday 10:00 UTC.
    private static readonly RoundTrip[] Week =
    [
        Trade(1, 0, 30, 100m),                 // Mon 10:00–10:30
        Trade(2, 60, 120, -50m, 2m),           // Mon 11:00–12:00
        Trade(3, 1380, 1440, 200m),            // Tue 09:00–10:00
        Trade(4, 1680, 1710, 50m),             // Tue 14:00–14:30
        Trade(5, 2880, 2940, -100m, 3m),       // Wed 10:00–11:00
    ];

    private static readonly EquitySample[] Curve =
    [
        Sample(30, 10_100m, 10_100m), Sample(120, 10_050m, 10_050m),     // Mon close 10,050
        Sample(1440, 10_250m, 10_250m), Sample(1710, 10_300m, 10_300m),  // Tue close 10,300
        Sample(2910, 10_300m, 9_900m), Sample(2940, 10_200m, 10_200m),   // Wed: dip to 9,900 at 10:30, close 10,200
    ];

    private static TradingStatistics Compute(IReadOnlyList<RoundTrip>? trades = null, IReadOnlyList<EquitySample>? curve = null) =>
        Statistics.Compute(new StatisticsInput(10_000m, trades ?? Week, [], curve ?? Curve, AnalyticsDays.Utc), Monday, Thursday);

    [Fact]
    public void Trade_figures_count_wins_losses_and_their_averages()
    {
        var s = Compute();

        Assert.Equal((5, 3, 2, 0), (s.Trades, s.Winners, s.Losers, s.Breakeven));
        Assert.Equal((205m, 5m, 200m), (s.GrossPnl, s.Commissions, s.NetPnl));
        Assert.Equal(60m, s.TradeWinRate);                 // 3 of 5
        Assert.Equal(116.67m, s.AverageWin);               // 350 ÷ 3
        Assert.Equal(-75m, s.AverageLoss);                 // −150 ÷ 2
        Assert.Equal(1.5556m, s.PayoffRatio);              // 116.67 ÷ 75
        Assert.Equal(2.3333m, s.ProfitFactor);             // 350 ÷ 150
        Assert.Equal(40m, s.Expectancy);                   // 200 ÷ 5
        Assert.Equal((200m, -100m), (s.BestTrade, s.WorstTrade));
        Assert.Equal((2, 1), (s.LongestWinStreak, s.LongestLossStreak)); // W L W W L
        Assert.Equal(TimeSpan.FromMinutes(48), s.AverageDuration);       // (30 + 60 + 60 + 30 + 60) ÷ 5
    }

    [Fact]
    public void Day_figures_group_trades_by_the_trading_day_they_closed_in()
    {
        var s = Compute();

        Assert.Equal((3, 2, 1), (s.TradingDays, s.WinningDays, s.LosingDays));
        Assert.Equal(66.67m, s.DayWinRate);
        Assert.Equal((new DateOnly(2026, 3, 3), 250m, 2), (s.BestDay!.Day, s.BestDay.NetPnl, s.BestDay.Trades));
        Assert.Equal((new DateOnly(2026, 3, 4), -100m), (s.WorstDay!.Day, s.WorstDay.NetPnl));
        Assert.Equal(125m, s.BestDayShareOfProfit);        // 250 ÷ 200: more than the whole profit came on Tuesday
        Assert.Equal((8m, 1.6667m, 2.6667m), (s.TotalLots, s.TradesPerDay, s.LotsPerDay)); // 5 and 8 over 3 days
    }

    [Fact]
    public void Weekday_and_hour_breakdowns_list_only_the_buckets_with_trades_in_calendar_order()
    {
        var s = Compute();

        Assert.Equal([new("Monday", 2, 1, 50m), new("Tuesday", 2, 2, 250m), new("Wednesday", 1, 0, -100m)], s.ByWeekday);
        Assert.Equal([new("09", 1, 1, 200m), new("10", 2, 1, 0m), new("11", 1, 0, -50m), new("14", 1, 1, 50m)], s.ByHour);
    }

    [Fact]
    public void Max_drawdown_is_taken_from_the_intraday_samples_not_only_the_daily_closes()
    {
        var s = Compute();

        // Daily closes 10,050 → 10,300 → 10,200 would say 100. The 10:30 sample on Wednesday fell to 9,900: 400 below the peak.
        Assert.Equal((400m, 3.88m), (s.MaxDrawdown, s.MaxDrawdownPercent)); // 400 ÷ 10,300
        Assert.Equal((At(1710), At(2910)), (s.MaxDrawdownPeakAt, s.MaxDrawdownTroughAt));
        // The longest time under water: from Monday 10:30 (10,100) until Tuesday 10:00 (10,250), 23 h 30 min.
        Assert.Equal(TimeSpan.FromMinutes(1410), s.MaxDrawdownDuration);
        var daily = Compute(curve: [Sample(120, 10_050m, 10_050m), Sample(1710, 10_300m, 10_300m), Sample(2940, 10_200m, 10_200m)]);
        Assert.Equal(100m, daily.MaxDrawdown);
    }

    [Fact]
    public void Return_sharpe_sortino_and_calmar_follow_the_daily_closes()
    {
        var s = Compute();

        Assert.Equal((10_000m, 10_200m, 200m, 2m), (s.StartEquity, s.EndEquity, s.EquityChange, s.ReturnPercent));
        // Returns 0.005, 0.0248756…, −0.0097087…: mean 0.0067223, sample sd 0.0173564, downside √(0.0097087² ÷ 3).
        Assert.Equal(3, s.DailyReturns);
        Assert.Equal(6.1483m, s.SharpeRatio);              // 0.0067223 ÷ 0.0173564 × √252
        Assert.Equal(19.0378m, s.SortinoRatio);            // 0.0067223 ÷ 0.0056054 × √252
        Assert.Equal(43.6210m, s.CalmarRatio);             // 0.0067223 × 252 ÷ (400 ÷ 10,300)
    }

    [Fact]
    public void Exposure_is_the_union_of_the_time_positions_were_open_over_the_period()
    {
        var s = Compute();
        Assert.Equal((TimeSpan.FromMinutes(240), 5.56m), (s.ExposureTime, s.ExposurePercent)); // 240 of 4,320 minutes

        // Overlapping trades count once; a lot still open counts until the period's end.
        var overlap = Statistics.Exposure([Trade(1, 0, 60, 1m), Trade(2, 30, 90, 1m)], [new OpenLot("X", 1m, 1m, At(120), "E", 0m)], At(0), At(180));
        Assert.Equal(TimeSpan.FromMinutes(150), overlap);
    }

    [Fact]
    public void A_period_counts_the_trades_that_closed_in_it_and_starts_from_the_equity_before_it()
    {
        var tuesday = Statistics.Compute(new StatisticsInput(10_000m, Week, [], Curve, AnalyticsDays.Utc), Monday.AddDays(1), Monday.AddDays(2));

        Assert.Equal((2, 250m), (tuesday.Trades, tuesday.NetPnl));
        Assert.Equal((10_050m, 10_300m, 2.49m), (tuesday.StartEquity, tuesday.EndEquity, tuesday.ReturnPercent)); // 250 ÷ 10,050
        Assert.Null(tuesday.ProfitFactor);   // no losing trade
        Assert.Null(tuesday.SharpeRatio);    // one daily return
    }

    [Fact]
    public void A_plans_trading_day_groups_by_its_reset_in_its_zone()
    {
        // New York 17:00 resets: Monday 23:00 UTC (18:00 New York, after the reset) belongs to Tuesday's trading day.
        var days = new AnalyticsDays("America/New_York", new TimeOnly(17, 0));
        var late = Trade(1, 12 * 60, 13 * 60, 10m); // exits Monday 23:00 UTC
        var early = Trade(2, 0, 60, 10m);           // exits Monday 11:00 UTC = 06:00 New York: Monday's day

        var result = Statistics.Days([early, late], days);

        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)], result.Select(d => d.Day));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 22, 0, 0, TimeSpan.Zero), result[1].Start); // 17:00 EST
    }
}
