using Crucible.Grains.Analytics;
using Crucible.Grains.Interfaces.Trading;
using static Crucible.Domain.Tests.Analytics.AnalyticsFixtures;

namespace Crucible.Domain.Tests.Analytics;

public sealed class RoundTripBuilderTests
{
    private static RoundTripBuilder.Result Build(params Fill[] fills) => RoundTripBuilder.Build(fills, [], Multiplier);

    [Fact]
    public void A_partial_close_splits_the_entry_and_its_commission_by_quantity_with_the_multiplier()
    {
        var result = Build(Buy("ES", 10m, 100m, 5.00m, 0), Sell("ES", 4m, 102m, 2.00m, 10), Sell("ES", 6m, 99m, 3.00m, 30));

        Assert.Empty(result.Open);
        Assert.Collection(result.Trades,
            t =>
            {
                // (102 − 100) × 4 × 50 = 400; commission 5 × 4/10 + 2 = 4
                Assert.Equal((TradeDirection.Long, 4m, 100m, 102m), (t.Direction, t.Quantity, t.EntryPrice, t.ExitPrice));
                Assert.Equal((400m, 4.00m, 396.00m), (t.GrossPnl, t.Commission, t.NetPnl));
                Assert.Equal(TimeSpan.FromMinutes(10), t.Duration);
            },
            t =>
            {
                // (99 − 100) × 6 × 50 = −300; commission the remaining 3 + 3 = 6
                Assert.Equal((6m, 99m, At(30)), (t.Quantity, t.ExitPrice, t.ExitTime));
                Assert.Equal((-300m, 6.00m, -306.00m), (t.GrossPnl, t.Commission, t.NetPnl));
                Assert.Equal(TimeSpan.FromMinutes(30), t.Duration);
            });
    }

    [Fact]
    public void A_flip_closes_the_position_and_opens_the_rest_the_other_way_with_the_rest_of_the_commission()
    {
        var entry = Buy("X", 3m, 10.00m, 0.03m, 0);
        var flip = Sell("X", 5m, 12.00m, 0.05m, 5);

        var open = Build(entry, flip);
        var lot = Assert.Single(open.Open);
        Assert.Equal(("X", -2m, 12.00m, flip.Id, 0.02m), (lot.Symbol, lot.Quantity, lot.Price, lot.EntryFillId, lot.Commission));

        var result = Build(entry, flip, Buy("X", 2m, 11.50m, 0.02m, 9));
        Assert.Empty(result.Open);
        Assert.Collection(result.Trades,
            // (12 − 10) × 3 = 6; commission 0.03 + 0.05 × 3/5
            t => Assert.Equal((TradeDirection.Long, 3m, 6.00m, 0.06m, 5.94m), (t.Direction, t.Quantity, t.GrossPnl, t.Commission, t.NetPnl)),
            // (11.50 − 12) × 2 × −1 = 1; commission 0.02 + 0.02
            t => Assert.Equal((TradeDirection.Short, 2m, At(5), 1.00m, 0.04m, 0.96m), (t.Direction, t.Quantity, t.EntryTime, t.GrossPnl, t.Commission, t.NetPnl)));
    }

    [Fact]
    public void Commission_pieces_of_a_fill_add_up_to_it_to_the_cent()
    {
        var result = Build(Buy("X", 3m, 100m, 1.00m, 0), Sell("X", 1m, 101m, 0.40m, 1), Sell("X", 1m, 101m, 0.40m, 2), Sell("X", 1m, 101m, 0.40m, 3));

        // Entry shares: 1.00 × 1/3 = 0.33; 0.67 × 1/2 = 0.335 → 0.34 (half away from zero); the last takes 0.33.
        Assert.Equal([0.73m, 0.74m, 0.73m], result.Trades.Select(t => t.Commission));
        Assert.Equal(1.00m + 3 * 0.40m, result.Trades.Sum(t => t.Commission));
        Assert.All(result.Trades, t => Assert.Equal(1.00m, t.GrossPnl));
    }

    [Fact]
    public void Exits_match_the_oldest_entry_first_not_the_average_cost()
    {
        var result = Build(Buy("X", 1m, 100m, 0m, 0), Buy("X", 1m, 110m, 0m, 1), Sell("X", 1m, 105m, 0m, 2), Sell("X", 1m, 105m, 0m, 3));

        Assert.Equal([(100m, 5m), (110m, -5m)], result.Trades.Select(t => (t.EntryPrice, t.GrossPnl)));
    }

    [Fact]
    public void Symbols_are_matched_apart_and_trades_are_numbered_in_the_order_they_close()
    {
        var result = Build(Buy("ES", 1m, 100m, 0m, 0), Sell("NQ", 2m, 200m, 0m, 1), Buy("NQ", 2m, 199m, 0m, 2), Sell("ES", 1m, 101m, 0m, 3));

        Assert.Equal([(1, "NQ", 40m), (2, "ES", 50m)], result.Trades.Select(t => (t.Number, t.Symbol, t.GrossPnl)));
    }

    [Fact]
    public void A_settlement_closes_every_open_lot_at_its_value_without_commission()
    {
        var result = RoundTripBuilder.Build([Buy("PRED", 100m, 0.40m, 0.50m, 0), Buy("PRED", 50m, 0.60m, 0.25m, 1)],
            [new ContractSettlement("PRED", 1m, At(60))], Multiplier);

        Assert.Empty(result.Open);
        Assert.Equal([(60.00m, 0.50m, 59.50m), (20.00m, 0.25m, 19.75m)], result.Trades.Select(t => (t.GrossPnl, t.Commission, t.NetPnl)));
        Assert.All(result.Trades, t => Assert.Equal((RoundTrip.SettlementExit, At(60)), (t.ExitFillId, t.ExitTime)));
    }
}
