using Crucible.Grains.Analytics;
using static Crucible.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Crucible.Domain.Tests.Analytics;

public sealed class TradeExcursionTests
{
    [Fact]
    public void Mae_and_mfe_are_the_worst_and_best_marked_pnl_of_the_samples_while_open_and_the_exit()
    {
        // Long 2 ES at 100 (×50), commission 5: at entry marked at the bid 99.75 → −25; then 98 → −200; 103 → +300; exit 101.5 → +150.
        var fills = new[] { Buy("ES", 2m, 100m, 5m, 0), Sell("ES", 2m, 101.5m, 5m, 30) };
        var samples = new[]
        {
            Sample(0, 99_995m, 99_970m), Sample(10, 99_995m, 99_795m), Sample(20, 99_995m, 100_295m), Sample(30, 100_140m, 100_140m),
        };

        var trade = Assert.Single(RoundTripBuilder.Build(fills, [], Multiplier, samples).Trades);

        Assert.Equal((150m, -200m, 300m), (trade.GrossPnl, trade.Mae, trade.Mfe));
    }

    [Fact]
    public void A_sample_while_another_symbol_is_open_does_not_count_and_without_samples_there_is_no_excursion()
    {
        var fills = new[] { Buy("ES", 1m, 100m, 0m, 0), Buy("NQ", 1m, 200m, 0m, 5), Sell("NQ", 1m, 200m, 0m, 15), Sell("ES", 1m, 99m, 0m, 30) };
        // At minute 10 both are open: its −10,000 says nothing about ES alone. At 20 ES alone is marked at 102 → +100.
        var samples = new[] { Sample(10, 100_000m, 90_000m), Sample(20, 100_000m, 100_100m) };

        var es = RoundTripBuilder.Build(fills, [], Multiplier, samples).Trades.Single(t => t.Symbol == "ES");
        var nq = RoundTripBuilder.Build(fills, [], Multiplier, samples).Trades.Single(t => t.Symbol == "NQ");
        var bare = RoundTripBuilder.Build(fills, [], Multiplier).Trades.Single(t => t.Symbol == "ES");

        Assert.Equal((-50m, -50m, 100m), (es.GrossPnl, es.Mae, es.Mfe));
        Assert.Equal((null, null), (nq.Mae, nq.Mfe));
        Assert.Equal((null, null), (bare.Mae, bare.Mfe));
    }

    [Fact]
    public void Each_lot_is_marked_from_the_positions_average_cost()
    {
        // Lots at 100 and 110 (average 105); at minute 2 unrealized −2 on 2 units: mark 104 → lot 1 +4, lot 2 −6.
        var fills = new[] { Buy("X", 1m, 100m, 0m, 0), Buy("X", 1m, 110m, 0m, 1), Sell("X", 2m, 107m, 0m, 3) };

        var trades = RoundTripBuilder.Build(fills, [], Multiplier, [Sample(2, 10_000m, 9_998m)]).Trades;

        Assert.Equal([(7m, 0m, 7m), (-3m, -6m, 0m)], trades.Select(t => (t.GrossPnl, t.Mae!.Value, t.Mfe!.Value)));
    }
}
