using Crucible.Grains.Interfaces.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

public sealed class OrderCommandTests
{
    [Fact]
    public void Replacing_a_resting_limit_with_a_marketable_price_fills_the_replacement_at_once()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        var original = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 95.00m, ClientOrderId: "c-1")).Order!;

        var result = d.Book.Replace(original.Id, new ReplaceRequest(LimitPrice: 100.00m), d.Now);

        var replacement = result.Order!;
        Assert.Equal(("O-2", "O-1", "c-1", OrderStatus.Filled), (replacement.Id, replacement.ReplacesId, replacement.ClientOrderId, replacement.Status));
        Assert.Equal((OrderStatus.Replaced, "O-2"), (d.Order("O-1").Status, d.Order("O-1").ReplacedById));
        Assert.Equal((100.00m, "O-2"), (Assert.Single(d.Book.Fills).Price, d.Book.Fills[0].OrderId));
    }

    [Fact]
    public void Replace_is_refused_for_an_unknown_or_filled_order_and_validates_like_a_new_order()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        var filled = d.Market("AAPL", Buy, 10m).Order!;
        var resting = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 95.00m)).Order!;

        Assert.Equal(OrderErrorCode.UnknownOrder, d.Book.Replace("O-99", new ReplaceRequest(Quantity: 5m), d.Now).Error!.Code);
        Assert.Equal(OrderErrorCode.OrderNotReplaceable, d.Book.Replace(filled.Id, new ReplaceRequest(Quantity: 5m), d.Now).Error!.Code);
        var offGrid = d.Book.Replace(resting.Id, new ReplaceRequest(LimitPrice: 95.001m), d.Now).Error!;
        Assert.Equal((OrderErrorCode.PriceOffTickGrid, "limitPrice"), (offGrid.Code, offGrid.Field));
        Assert.Equal(OrderStatus.Accepted, d.Order(resting.Id).Status);
    }

    [Fact]
    public void Canceling_a_filled_order_is_refused()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        var filled = d.Market("AAPL", Buy, 10m).Order!;

        var result = d.Book.Cancel(filled.Id, d.Now);

        Assert.Equal(OrderErrorCode.OrderNotCancelable, result.Error!.Code);
        Assert.Null(result.Order);
        Assert.Equal(OrderStatus.Filled, d.Order(filled.Id).Status);
        Assert.Equal(OrderErrorCode.UnknownOrder, d.Book.Cancel("O-42", d.Now).Error!.Code);
    }

    [Fact]
    public void Canceling_a_partially_filled_order_cancels_the_rest()
    {
        var d = new BookDriver(terms: TradingTerms.Default with { LimitFillsToTopOfBook = true });
        d.Quote("AAPL", 99.99m, 100.00m, askSize: 4m);
        var order = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 100.00m)).Order!;
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);

        var canceled = d.Book.Cancel(order.Id, d.Now).Order!;

        Assert.Equal((OrderStatus.Canceled, 4m), (canceled.Status, canceled.FilledQuantity));
        Assert.Equal(4m, d.Position("AAPL").Quantity);
    }

    [Fact]
    public void A_repeated_client_order_id_returns_the_original_order_and_fills_nothing_more()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        var first = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Market, 10m, TimeInForce.Day, ClientOrderId: "retry-1"));

        var again = d.Submit(new OrderRequest("AAPL", Sell, OrderType.Market, 99m, TimeInForce.Day, ClientOrderId: "retry-1"));

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Order, again.Order);
        Assert.Empty(again.Events);
        Assert.Single(d.Book.Fills);
        Assert.Single(d.Book.Orders);
        Assert.Equal(10m, d.Position("AAPL").Quantity);
    }

    [Fact]
    public void Closing_a_position_sells_it_at_market_and_a_flat_symbol_has_nothing_to_close()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);

        var close = d.Book.ClosePosition("AAPL", d.Now);

        Assert.Equal((Sell, 10m, OrderStatus.Filled), (close.Order!.Side, close.Order.Quantity, close.Order.Status));
        Assert.Empty(d.Book.Positions);
        var refused = d.Book.ClosePosition("AAPL", d.Now).Error!;
        Assert.Equal((OrderErrorCode.NoPosition, null), (refused.Code, refused.Field));
    }
}
