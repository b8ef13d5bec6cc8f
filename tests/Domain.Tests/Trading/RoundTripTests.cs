using Crucible.Grains.Trading;
using Crucible.Grains.Interfaces.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

public sealed class RoundTripTests
{
    [Fact]
    public void Long_equity_round_trip_pays_half_a_cent_a_share_rounded_per_fill()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);

        var buy = d.Market("AAPL", Buy, 101m);

        Assert.Equal(OrderStatus.Filled, buy.Order!.Status);
        var entry = Assert.Single(d.Book.Fills);
        Assert.Equal(100.00m, entry.Price);
        Assert.Equal(0.51m, entry.Commission); // 101 × 0.005 = 0.505, half away from zero
        Assert.Equal(0m, entry.RealizedPnl);

        d.Quote("AAPL", 104.99m, 105.00m);
        var position = d.Position("AAPL");
        Assert.Equal(101m, position.Quantity);
        Assert.Equal(100.00m, position.AverageEntryPrice);
        Assert.Equal(104.99m, position.MarkPrice);
        Assert.Equal(503.99m, position.UnrealizedPnl); // (104.99 − 100) × 101, marked to the bid
        Assert.Equal(100_503.48m, d.Snapshot().Equity);

        d.Market("AAPL", Sell, 101m);

        var exit = d.Book.Fills[1];
        Assert.Equal(104.99m, exit.Price);
        Assert.Equal(0.51m, exit.Commission);
        Assert.Equal(503.99m, exit.RealizedPnl);
        Assert.Empty(d.Book.Positions);
        var account = d.Snapshot();
        Assert.Equal(100_502.97m, account.Balance);
        Assert.Equal(100_502.97m, account.Equity);
        Assert.Equal(503.99m, account.RealizedPnl);
        Assert.Equal(1.02m, account.CommissionsPaid);
        Assert.Equal(0m, account.GrossExposure);
    }

    [Fact]
    public void Short_round_trip_is_marked_to_the_ask_and_realizes_entry_minus_exit()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 50.00m, 50.02m);
        d.Market("AAPL", Sell, 10m);
        Assert.Equal(50.00m, d.Book.Fills[0].Price);

        d.Quote("AAPL", 45.00m, 45.02m);
        var position = d.Position("AAPL");
        Assert.Equal(-10m, position.Quantity);
        Assert.Equal(45.02m, position.MarkPrice);
        Assert.Equal(49.80m, position.UnrealizedPnl);
        Assert.Equal(-450.20m, position.MarketValue);
        var open = d.Snapshot();
        Assert.Equal(100_049.75m, open.Equity); // 100 000 − 0.05 + 49.80
        Assert.Equal(450.20m, open.GrossExposure);
        Assert.Equal(-450.20m, open.NetExposure);
        Assert.Equal(399_748.80m, open.BuyingPower); // 4 × 100 049.75 − 450.20

        d.Market("AAPL", Buy, 10m);

        Assert.Equal(45.02m, d.Book.Fills[1].Price);
        Assert.Equal(49.80m, d.Book.Fills[1].RealizedPnl);
        Assert.Empty(d.Book.Positions);
        Assert.Equal(100_049.70m, d.Snapshot().Balance);
    }

    [Fact]
    public void A_fill_larger_than_the_position_realizes_the_closed_part_and_opens_the_rest_at_the_fill_price()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);
        d.Quote("AAPL", 109.99m, 110.00m);

        var events = d.Market("AAPL", Sell, 30m).Events;

        var flip = d.Book.Fills[1];
        Assert.Equal(30m, flip.Quantity);
        Assert.Equal(99.90m, flip.RealizedPnl); // (109.99 − 100) × 10
        Assert.Equal(0.15m, flip.Commission);
        var position = d.Position("AAPL");
        Assert.Equal(-20m, position.Quantity);
        Assert.Equal(109.99m, position.AverageEntryPrice);
        Assert.Equal(-0.20m, position.UnrealizedPnl); // short marked to the ask 110.00
        var account = d.Snapshot();
        Assert.Equal(100_099.70m, account.Balance);
        Assert.Equal(100_099.50m, account.Equity);
        Assert.Collection(events,
            e => Assert.Equal(OrderStatus.Accepted, Assert.IsType<OrderChanged>(e).Order.Status),
            e => Assert.Equal("F-2", Assert.IsType<FillExecuted>(e).Fill.Id),
            e => Assert.Equal(-20m, Assert.IsType<PositionChanged>(e).Position.Quantity),
            e => Assert.Equal(OrderStatus.Filled, Assert.IsType<OrderChanged>(e).Order.Status));
    }

    [Fact]
    public void Futures_contract_with_multiplier_50_pays_per_contract_and_moves_50_dollars_a_point()
    {
        var d = new BookDriver();
        d.Quote("ES", 4999.75m, 5000.00m);
        d.Market("ES", Buy, 1m);
        Assert.Equal(2.25m, d.Book.Fills[0].Commission);

        d.Quote("ES", 5010.00m, 5010.25m);
        Assert.Equal(500.00m, d.Position("ES").UnrealizedPnl);
        Assert.Equal(250_500.00m, d.Snapshot().GrossExposure);
        Assert.Equal(100_497.75m, d.Snapshot().Equity);

        d.Market("ES", Sell, 1m);

        Assert.Equal(5010.00m, d.Book.Fills[1].Price);
        Assert.Equal(500.00m, d.Book.Fills[1].RealizedPnl);
        Assert.Equal(100_495.50m, d.Snapshot().Balance);
    }

    [Fact]
    public void Adding_to_a_position_averages_the_entry_at_full_precision()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 1m);
        d.Quote("AAPL", 100.00m, 100.01m);
        d.Market("AAPL", Buy, 2m);

        Assert.Equal(300.02m / 3m, d.Position("AAPL").AverageEntryPrice);
        Assert.Equal(-0.02m, d.Position("AAPL").UnrealizedPnl); // (100.00 − 100.00666…) × 3 = −0.02
    }
}
