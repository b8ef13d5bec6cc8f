using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

public sealed class ExitOrderTests
{
    [Fact]
    public void Bracket_legs_are_held_until_the_entry_fills_then_the_stop_fires_and_cancels_the_take_profit()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);

        var entry = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Market, 10m, TimeInForce.Gtc,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(110.00m), StopLoss: new StopLossLeg(95.00m)));

        Assert.Equal("O-1", entry.Order!.Id);
        Assert.Equal(["O-2", "O-3"], entry.Order.LegIds);
        var takeProfit = d.Order("O-2");
        var stopLoss = d.Order("O-3");
        Assert.Equal((Sell, OrderType.Limit, 110.00m, OrderStatus.Accepted), (takeProfit.Side, takeProfit.Type, takeProfit.LimitPrice!.Value, takeProfit.Status));
        Assert.Equal((Sell, OrderType.Stop, 95.00m, OrderStatus.Accepted), (stopLoss.Side, stopLoss.Type, stopLoss.StopPrice!.Value, stopLoss.Status));
        Assert.Equal(
            ["O-1:Accepted", "O-2:Held", "O-3:Held", "O-1:Filled", "O-2:Accepted", "O-3:Accepted"],
            entry.Events.OfType<OrderChanged>().Select(e => $"{e.Order.Id}:{e.Order.Status}"));

        var events = d.Quote("AAPL", 94.99m, 95.01m);

        var exit = d.Book.Fills[1];
        // A triggered stop sells at the bid, 94.99, not at its stop: (94.99 − 100.00) × 10 = −50.10.
        Assert.Equal(("O-3", 94.99m, -50.10m), (exit.OrderId, exit.Price, exit.RealizedPnl));
        Assert.Equal(OrderStatus.Filled, d.Order("O-3").Status);
        Assert.Equal(OrderStatus.Canceled, d.Order("O-2").Status);
        Assert.Empty(d.Book.Positions);
        Assert.Equal(99_949.80m, d.Snapshot().Balance); // 100,000 − 50.10 − 2 × 0.05 commission
        Assert.Collection(events,
            e => Assert.True(Assert.IsType<OrderChanged>(e).Order.Triggered),
            e => Assert.IsType<FillExecuted>(e),
            e => Assert.Equal(0m, Assert.IsType<PositionChanged>(e).Position.Quantity),
            e => Assert.Equal(OrderStatus.Filled, Assert.IsType<OrderChanged>(e).Order.Status),
            e => Assert.Equal(("O-2", OrderStatus.Canceled), (Assert.IsType<OrderChanged>(e).Order.Id, ((OrderChanged)e).Order.Status)));
    }

    [Fact]
    public void Oto_entry_holds_its_one_stop_loss_until_it_fills_then_the_stop_works_alone()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);

        var entry = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 99.50m,
            Class: OrderClass.Oto, StopLoss: new StopLossLeg(95.00m)));

        Assert.Equal(["O-2"], entry.Order!.LegIds);
        var stop = d.Order("O-2");
        Assert.Equal((Sell, OrderType.Stop, 95.00m, OrderStatus.Held, "O-1"), (stop.Side, stop.Type, stop.StopPrice!.Value, stop.Status, stop.ParentId));

        d.Quote("AAPL", 99.40m, 99.50m);

        Assert.Equal(OrderStatus.Filled, d.Order("O-1").Status);
        Assert.Equal((OrderStatus.Accepted, 10m), (d.Order("O-2").Status, d.Order("O-2").Quantity));
        d.Quote("AAPL", 94.98m, 95.00m);
        // The stop sells the 10 at the bid, 94.98: (94.98 − 99.50) × 10 = −45.20; no sibling to cancel.
        Assert.Equal(("O-2", 94.98m, -45.20m), (d.Book.Fills[1].OrderId, d.Book.Fills[1].Price, d.Book.Fills[1].RealizedPnl));
        Assert.Empty(d.Book.Positions);
    }

    [Fact]
    public void Oto_with_a_take_profit_only_and_a_canceled_entry_cancels_the_held_take_profit()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Submit(new OrderRequest("AAPL", OrderSide.Sell, OrderType.Limit, 5m, TimeInForce.Day, LimitPrice: 101m,
            Class: OrderClass.Oto, TakeProfit: new TakeProfitLeg(97m)));
        Assert.Equal((Buy, OrderType.Limit, 97m, OrderStatus.Held), (d.Order("O-2").Side, d.Order("O-2").Type, d.Order("O-2").LimitPrice!.Value, d.Order("O-2").Status));

        d.Book.Cancel("O-1", d.Now);

        Assert.All(d.Book.Orders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
    }

    [Fact]
    public void Canceling_a_bracket_entry_cancels_its_held_legs()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 90m,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(95m), StopLoss: new StopLossLeg(85m, 84.5m)));
        Assert.Equal(OrderType.StopLimit, d.Order("O-3").Type);

        d.Book.Cancel("O-1", d.Now);

        Assert.All(d.Book.Orders, o => Assert.Equal(OrderStatus.Canceled, o.Status));
    }

    [Fact]
    public void Oco_take_profit_fill_cancels_the_stop_loss()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);

        var oco = d.Submit(new OrderRequest("AAPL", Sell, OrderType.Limit, 10m, TimeInForce.Gtc,
            Class: OrderClass.Oco, TakeProfit: new TakeProfitLeg(105.00m), StopLoss: new StopLossLeg(95.00m)));
        Assert.Equal(("O-2", 105.00m, OrderStatus.Accepted), (oco.Order!.Id, oco.Order.LimitPrice!.Value, oco.Order.Status));
        Assert.Equal(("O-2", OrderType.Stop, OrderStatus.Accepted), (d.Order("O-3").ParentId, d.Order("O-3").Type, d.Order("O-3").Status));

        d.Quote("AAPL", 105.00m, 105.02m);

        Assert.Equal(("O-2", 105.00m, 50.00m), (d.Book.Fills[1].OrderId, d.Book.Fills[1].Price, d.Book.Fills[1].RealizedPnl));
        Assert.Equal(OrderStatus.Canceled, d.Order("O-3").Status);
        Assert.Equal(100_049.90m, d.Snapshot().Balance);
    }

    [Fact]
    public void Trailing_stop_by_amount_follows_the_rally_and_fills_at_the_gapped_bid_when_the_bid_gaps_through_its_stop()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);
        var trail = d.Submit(new OrderRequest("AAPL", Sell, OrderType.TrailingStop, 10m, TimeInForce.Gtc, TrailAmount: 2.00m)).Order!;
        Assert.Equal((99.99m, 97.99m), (trail.Watermark!.Value, trail.StopPrice!.Value));

        d.Quote("AAPL", 101.99m, 102.00m);
        Assert.Equal(99.99m, d.Order(trail.Id).StopPrice);
        d.Quote("AAPL", 103.49m, 103.50m);
        d.Quote("AAPL", 102.00m, 102.01m);
        Assert.Equal((103.49m, 101.49m, false), (d.Order(trail.Id).Watermark!.Value, d.Order(trail.Id).StopPrice!.Value, d.Order(trail.Id).Triggered));

        d.Quote("AAPL", 101.00m, 101.02m);

        var exit = d.Book.Fills[1];
        // The bid gapped from 102.00 to 101.00, through the stop at 101.49: the market offered 101.00, so that is
        // the fill: (101.00 − 100.00) × 10 = 10.00.
        Assert.Equal((101.00m, 10.00m), (exit.Price, exit.RealizedPnl));
        Assert.Equal(OrderStatus.Filled, d.Order(trail.Id).Status);
        Assert.Equal(100_009.90m, d.Snapshot().Balance); // 100,000 + 10.00 − 2 × 0.05
    }

    [Fact]
    public void Trailing_stop_by_percent_rounds_a_buy_stop_up_and_a_sell_stop_down_to_the_tick()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 50.00m, 50.02m);
        d.Market("AAPL", Sell, 10m);
        var sellStop = d.Submit(new OrderRequest("AAPL", Sell, OrderType.TrailingStop, 1m, TimeInForce.Gtc, TrailPercent: 0.33m)).Order!;
        Assert.Equal(49.83m, sellStop.StopPrice); // 50.00 × 0.9967 = 49.835, down to 49.83
        d.Book.Cancel(sellStop.Id, d.Now);

        var cover = d.Submit(new OrderRequest("AAPL", Buy, OrderType.TrailingStop, 10m, TimeInForce.Gtc, TrailPercent: 1.5m)).Order!;
        Assert.Equal(50.78m, cover.StopPrice); // 50.02 × 1.015 = 50.7703, up to 50.78

        d.Quote("AAPL", 47.98m, 48.00m);
        Assert.Equal(48.72m, d.Order(cover.Id).StopPrice); // 48.00 × 1.015
        d.Quote("AAPL", 48.33m, 48.34m);
        Assert.Equal(48.00m, d.Order(cover.Id).Watermark); // a higher ask never lowers a buy's watermark

        d.Quote("AAPL", 48.90m, 48.95m);

        var exit = d.Book.Fills[1];
        // The ask jumped to 48.95, past the stop at 48.72: the cover pays the ask, (50.00 − 48.95) × 10 = 10.50.
        Assert.Equal((cover.Id, 48.95m, 10.50m), (exit.OrderId, exit.Price, exit.RealizedPnl));
        Assert.Empty(d.Book.Positions);
    }

    [Fact]
    public void Stop_limit_triggers_then_rests_as_a_limit_until_the_ask_comes_back()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        var order = d.Submit(new OrderRequest("AAPL", Buy, OrderType.StopLimit, 10m, TimeInForce.Gtc, LimitPrice: 101.50m, StopPrice: 101.00m)).Order!;

        d.Quote("AAPL", 101.49m, 101.60m);
        Assert.Equal((true, OrderStatus.Accepted), (d.Order(order.Id).Triggered, d.Order(order.Id).Status));
        Assert.Empty(d.Book.Fills);

        d.Quote("AAPL", 101.40m, 101.45m);

        Assert.Equal(101.45m, Assert.Single(d.Book.Fills).Price);
        Assert.Equal(OrderStatus.Filled, d.Order(order.Id).Status);
    }

    [Fact]
    public void A_buy_stop_far_below_the_ask_waits_for_the_next_quote_and_fills_at_its_ask_not_at_the_stop()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        var order = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Stop, 5m, TimeInForce.Gtc, StopPrice: 99.00m)).Order!;
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Empty(d.Book.Fills);

        d.Quote("AAPL", 99.50m, 99.51m);

        Assert.Equal(99.51m, Assert.Single(d.Book.Fills).Price); // the next ask; the stop at 99.00 was never offered
    }
}
