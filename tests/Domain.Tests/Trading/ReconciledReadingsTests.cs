using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

/// <summary>
/// The readings of docs/trading.md ("Decisions that refine this page") that were settled by reconciling the engine
/// with the reference oracle, each checked on the engine by hand.
/// </summary>
public sealed class ReconciledReadingsTests
{
    private static readonly TradingTerms TopOfBook = TradingTerms.Default with { LimitFillsToTopOfBook = true };

    [Fact]
    public void A_quote_that_is_not_newer_is_ignored_entirely_even_as_a_clock_check()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);
        var resting = d.Submit(new OrderRequest("AAPL", Sell, OrderType.Limit, 10m, TimeInForce.Day, LimitPrice: 101.00m)).Order!;
        var dayEnd = resting.ExpiresAt!.Value;
        var latest = d.Book.Quotes["AAPL"];

        // Same sequence, later time, a bid through the limit: it neither marks, fills nor expires anything.
        var stale = latest with { Bid = 102.00m, Ask = 102.01m, Time = dayEnd.AddMinutes(1) };
        Assert.Empty(d.Book.ApplyQuote(stale));
        Assert.Empty(d.Book.ApplyQuote(stale with { Sequence = latest.Sequence - 1 }));

        Assert.Equal(latest, d.Book.Quotes["AAPL"]);
        Assert.Equal(OrderStatus.Accepted, d.Order(resting.Id).Status);
        Assert.Single(d.Book.Fills);
        Assert.Equal(99.99m, d.Position("AAPL").MarkPrice);
    }

    [Fact]
    public void Replacing_a_bracket_leg_carries_its_links_so_the_new_leg_still_cancels_its_sibling()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Submit(new OrderRequest("AAPL", Buy, OrderType.Market, 10m, TimeInForce.Gtc,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(110.00m), StopLoss: new StopLossLeg(95.00m)));
        d.Now = d.Now.AddMinutes(1);

        var replacement = d.Book.Replace("O-2", new ReplaceRequest(LimitPrice: 105.00m), d.Now).Order!;

        Assert.Equal(("O-4", "O-1", "O-2", OrderClass.Bracket), (replacement.Id, replacement.ParentId, replacement.ReplacesId, replacement.Class));
        var entry = d.Order("O-1");
        Assert.Equal(["O-4", "O-3"], entry.LegIds);
        Assert.Equal(d.Now, entry.UpdatedAt); // its leg list changed

        d.Quote("AAPL", 105.00m, 105.01m);

        Assert.Equal(("O-4", 105.00m), (d.Book.Fills[1].OrderId, d.Book.Fills[1].Price));
        Assert.Equal(OrderStatus.Canceled, d.Order("O-3").Status);
        Assert.Empty(d.Book.Positions);
    }

    [Fact]
    public void Replacing_an_oco_parent_carries_its_links_so_the_stop_loss_fill_cancels_the_replacement()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);
        d.Submit(new OrderRequest("AAPL", Sell, OrderType.Limit, 10m, TimeInForce.Gtc,
            Class: OrderClass.Oco, TakeProfit: new TakeProfitLeg(105.00m), StopLoss: new StopLossLeg(95.00m)));
        d.Now = d.Now.AddMinutes(1);

        var replacement = d.Book.Replace("O-2", new ReplaceRequest(LimitPrice: 106.00m), d.Now).Order!;

        Assert.Equal(("O-4", OrderClass.Oco, 106.00m), (replacement.Id, replacement.Class, replacement.LimitPrice!.Value));
        Assert.Equal(["O-3"], replacement.LegIds);
        var stopLoss = d.Order("O-3");
        Assert.Equal(("O-4", d.Now), (stopLoss.ParentId, stopLoss.UpdatedAt)); // its parent changed

        d.Quote("AAPL", 94.99m, 95.01m);

        Assert.Equal(("O-3", 94.99m), (d.Book.Fills[1].OrderId, d.Book.Fills[1].Price)); // the triggered stop sells at the bid
        Assert.Equal(OrderStatus.Canceled, d.Order("O-4").Status);
    }

    [Fact]
    public void Replacing_a_bracket_entry_gives_its_held_legs_the_new_quantity()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 90.00m,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(95.00m), StopLoss: new StopLossLeg(85.00m)));
        d.Now = d.Now.AddMinutes(1);

        var result = d.Book.Replace("O-1", new ReplaceRequest(Quantity: 4m), d.Now);

        Assert.Equal(["O-2", "O-3"], result.Order!.LegIds);
        foreach (var leg in new[] { d.Order("O-2"), d.Order("O-3") })
            Assert.Equal(("O-4", 4m, OrderStatus.Held, d.Now), (leg.ParentId, leg.Quantity, leg.Status, leg.UpdatedAt));
        Assert.Equal(2, result.Events.OfType<OrderChanged>().Count(e => e.Order.Id is "O-2" or "O-3"));
    }

    [Fact]
    public void A_partly_filled_bracket_entry_that_is_canceled_releases_its_legs_for_the_filled_quantity()
    {
        var d = new BookDriver(terms: TopOfBook);
        d.Quote("AAPL", 99.99m, 100.00m, bidSize: 100m, askSize: 4m);
        var entry = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Market, 10m, TimeInForce.Gtc,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(110.00m), StopLoss: new StopLossLeg(95.00m))).Order!;
        Assert.Equal((OrderStatus.PartiallyFilled, 4m), (entry.Status, entry.FilledQuantity));
        Assert.All(entry.LegIds, id => Assert.Equal(OrderStatus.Held, d.Order(id).Status));
        d.Now = d.Now.AddMinutes(1);

        var canceled = d.Book.Cancel("O-1", d.Now);

        Assert.Equal((OrderStatus.Canceled, 4m), (canceled.Order!.Status, canceled.Order.FilledQuantity));
        foreach (var leg in new[] { d.Order("O-2"), d.Order("O-3") })
            Assert.Equal((OrderStatus.Accepted, 4m, d.Now), (leg.Status, leg.Quantity, leg.UpdatedAt));
        Assert.Equal(
            ["O-1:Canceled", "O-2:Accepted", "O-3:Accepted"],
            canceled.Events.OfType<OrderChanged>().Select(e => $"{e.Order.Id}:{e.Order.Status}"));

        d.Quote("AAPL", 94.99m, 95.01m, bidSize: 100m, askSize: 100m);

        Assert.Equal(("O-3", 4m, 94.99m), (d.Book.Fills[1].OrderId, d.Book.Fills[1].Quantity, d.Book.Fills[1].Price)); // at the bid
        Assert.Equal(OrderStatus.Canceled, d.Order("O-2").Status);
        Assert.Empty(d.Book.Positions);
    }

    [Fact]
    public void Settlement_cancels_a_partly_filled_bracket_entry_and_its_held_legs_as_they_stand()
    {
        var d = new BookDriver(terms: TopOfBook);
        d.Quote("ELECT", 0.40m, 0.42m, bidSize: 500m, askSize: 30m);
        d.Submit(new OrderRequest("ELECT", Buy, OrderType.Market, 100m, TimeInForce.Gtc,
            Class: OrderClass.Bracket, TakeProfit: new TakeProfitLeg(0.60m), StopLoss: new StopLossLeg(0.30m)));

        var events = d.Quote("ELECT", 1m, 1m, settlement: 1m);

        Assert.Equal((OrderStatus.Canceled, 30m), (d.Order("O-1").Status, d.Order("O-1").FilledQuantity));
        foreach (var leg in new[] { d.Order("O-2"), d.Order("O-3") })
            Assert.Equal((OrderStatus.Canceled, 100m, (DateTimeOffset?)null, d.Now), (leg.Status, leg.Quantity, leg.ExpiresAt, leg.CanceledAt!.Value));
        Assert.DoesNotContain(events, e => e is OrderChanged { Order.Status: OrderStatus.Accepted });
        Assert.Empty(d.Book.Positions);
    }

    [Fact]
    public void A_trailing_stops_moving_watermark_touches_updated_at_and_is_reported_once_it_moves()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);
        var trailing = d.Submit(new OrderRequest("AAPL", Sell, OrderType.TrailingStop, 10m, TimeInForce.Gtc, TrailAmount: 1.00m)).Order!;
        var acceptedAt = trailing.UpdatedAt;

        var unchanged = d.Quote("AAPL", 99.50m, 99.51m);
        Assert.Equal((99.99m, 98.99m, acceptedAt), (d.Order(trailing.Id).Watermark!.Value, d.Order(trailing.Id).StopPrice!.Value, d.Order(trailing.Id).UpdatedAt));

        var moved = d.Quote("AAPL", 100.50m, 100.51m);
        Assert.Equal((100.50m, 99.50m, d.Now), (d.Order(trailing.Id).Watermark!.Value, d.Order(trailing.Id).StopPrice!.Value, d.Order(trailing.Id).UpdatedAt));
        Assert.Empty(unchanged);
        // The move is reported (clients show the stop, and a book is rebuilt from what it reported).
        var trailed = Assert.IsType<OrderTrailed>(Assert.Single(moved));
        Assert.Equal((trailing.Id, 100.50m, 99.50m), (trailed.Order.Id, trailed.Order.Watermark!.Value, trailed.Order.StopPrice!.Value));
    }

    [Fact]
    public void A_flip_opens_a_new_position_whose_realized_pnl_starts_at_zero()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);
        d.Quote("AAPL", 109.99m, 110.00m);
        d.Market("AAPL", Sell, 5m);
        Assert.Equal(49.95m, d.Position("AAPL").RealizedPnl); // (109.99 − 100) × 5, the position is still open

        d.Market("AAPL", Sell, 30m);

        Assert.Equal((-25m, 109.99m, 0m), (d.Position("AAPL").Quantity, d.Position("AAPL").AverageEntryPrice, d.Position("AAPL").RealizedPnl));
        Assert.Equal(99.90m, d.Snapshot().RealizedPnl); // both closing fills stay in the account
    }

    [Fact]
    public void A_replacement_that_would_be_rejected_is_refused_and_the_original_keeps_working()
    {
        var d = new BookDriver(initialBalance: 10_000m);
        d.Quote("AAPL", 99.99m, 100.00m);
        var small = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 90.00m)).Order!;

        var grown = d.Book.Replace(small.Id, new ReplaceRequest(Quantity: 1_000m), d.Now);

        Assert.Equal((OrderErrorCode.InsufficientBuyingPower, null), (grown.Error!.Code, grown.Error.Field));
        Assert.Equal(OrderStatus.Accepted, d.Order(small.Id).Status);
        Assert.Single(d.Book.Orders);
    }

    [Fact]
    public void Closing_a_flat_symbol_is_refused_without_naming_a_field()
    {
        var d = new BookDriver();

        var refused = d.Book.ClosePosition("AAPL", d.Now).Error!;

        Assert.Equal((OrderErrorCode.NoPosition, null), (refused.Code, refused.Field));
    }
}
