using Crucible.Domain.Tests.Challenges;
using Crucible.Grains.Analytics;
using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Domain.Tests.Analytics;

/// <summary>
/// A phase run by the real <see cref="PhaseEvaluation"/> (10,000; daily loss 500 on the day-start balance; trailing
/// intraday drawdown 1,000; UTC days), whose samples and floor events the equity history reads back.
/// </summary>
public sealed class EquityHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly PhaseRules Rules = Phases.Bare("UTC") with
    {
        DailyLoss = new DailyLossRule(DailyLossAnchor.Balance, LimitBasis.Amount, 500m, BreachSeverity.Hard),
        OverallLoss = new OverallLossRule(DrawdownMode.TrailingIntraday, 1_000m, LockMode.None, 0m),
    };

    private static PhaseEvaluation Run()
    {
        var phase = new PhaseEvaluation(new AccountEvaluation("as-1", 0, Rules, Start), 10_000m);
        phase.OnTick("ES", 1, Start.AddSeconds(30), 10_000m, 10_200m, true);   // new peak: overall floor 9,200
        phase.OnTick("ES", 2, Start.AddSeconds(45), 10_000m, 10_100m, true);   // under a minute since the last sample: none
        phase.OnTick("ES", 3, Start.AddSeconds(100), 10_000m, 10_050m, true);  // a minute on: sampled
        phase.OnTick("ES", 4, Start.AddHours(6), 10_300m, 10_300m, false);     // closed up: overall floor 9,300
        phase.OnClock(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), 10_300m, 10_300m, false); // new day: daily floor 9,800
        return phase;
    }

    private static IReadOnlyList<EquityBar> History(EquityResolution resolution)
    {
        var phase = Run();
        return EquityHistory.Of(phase.Samples, resolution, AnalyticsDays.Utc, new FloorTimeline(Rules, 10_000m, phase.Events));
    }

    [Fact]
    public void Hourly_bars_are_the_ohlc_of_the_samples_in_each_hour_with_the_floors_at_its_close()
    {
        var bars = History(EquityResolution.OneHour);

        Assert.Equal(3, bars.Count);
        Assert.Equal((Start, 10_000m, 10_200m, 10_000m, 10_050m, 3), (bars[0].Start, bars[0].Open, bars[0].High, bars[0].Low, bars[0].Close, bars[0].Points));
        Assert.Equal((9_500m, 9_200m), (bars[0].DailyFloor, bars[0].OverallFloor));
        Assert.Equal((Start.AddHours(6), 10_300m, 9_500m, 9_300m), (bars[1].Start, bars[1].Close, bars[1].DailyFloor, bars[1].OverallFloor));
        Assert.Equal((10_300m, 9_800m, 9_300m), (bars[2].Balance, bars[2].DailyFloor, bars[2].OverallFloor));
    }

    [Fact]
    public void Minute_and_day_bars_bucket_the_same_samples()
    {
        var minutes = History(EquityResolution.OneMinute);
        var days = History(EquityResolution.OneDay);

        Assert.Equal([(10_000m, 10_200m), (10_050m, 10_050m)], minutes.Take(2).Select(b => (b.Open, b.Close)));
        Assert.Equal(2, days.Count);
        Assert.Equal((new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), 10_000m, 10_300m, 10_000m, 10_300m),
            (days[0].Start, days[0].Open, days[0].High, days[0].Low, days[0].Close));
        Assert.Equal((9_500m, 9_800m), (days[0].DailyFloor, days[1].DailyFloor));
    }

    [Fact]
    public void A_plan_without_loss_rules_has_no_floors()
    {
        var timeline = new FloorTimeline(Phases.Bare("UTC"), 10_000m, []);

        Assert.Equal((null, null), (timeline.DailyAt(Start), timeline.OverallAt(Start)));
    }
}
