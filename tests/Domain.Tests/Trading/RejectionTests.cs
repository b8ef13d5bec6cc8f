using Crucible.Grains.Interfaces.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

public sealed class RejectionTests
{
    [Fact]
    public void Insufficient_buying_power_records_a_rejected_order_and_leaves_balances_unchanged()
    {
        var d = new BookDriver(initialBalance: 10_000m);
        d.Quote("AAPL", 99.99m, 100.00m);
        var before = d.Snapshot();

        var result = d.Market("AAPL", Buy, 401m); // 40 100 > 4 × 10 000

        Assert.Equal((OrderStatus.Rejected, OrderErrorCode.InsufficientBuyingPower), (result.Order!.Status, result.Order.RejectReason));
        Assert.Equal(d.Now, result.Order.RejectedAt);
        Assert.Null(result.Error);
        Assert.Empty(d.Book.Fills);
        Assert.Equal(before, d.Snapshot());
        Assert.Equal(OrderStatus.Filled, d.Market("AAPL", Buy, 400m).Order!.Status); // exactly 4 × equity is allowed
    }

    [Fact]
    public void Orders_that_only_reduce_a_position_are_never_rejected_for_buying_power()
    {
        var d = new BookDriver(initialBalance: 10_000m);
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 400m);
        d.Quote("AAPL", 80.00m, 80.01m); // equity 2 000 − 2: far over the limit

        Assert.Equal(OrderStatus.Filled, d.Market("AAPL", Sell, 400m).Order!.Status);
    }

    [Fact]
    public void Market_order_while_the_market_is_closed_is_rejected_but_a_limit_is_accepted()
    {
        var d = new BookDriver { Now = DateTimeOffset.Parse("2026-01-10T15:00:00Z") }; // Saturday
        d.Quote("AAPL", 99.99m, 100.00m);

        var market = d.Market("AAPL", Buy, 10m).Order!;
        var ioc = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Ioc, LimitPrice: 100m)).Order!;
        var limit = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 100m)).Order!;

        Assert.Equal((OrderStatus.Rejected, OrderErrorCode.MarketClosed), (market.Status, market.RejectReason));
        Assert.Equal(OrderErrorCode.MarketClosed, ioc.RejectReason);
        Assert.Equal(OrderStatus.Accepted, limit.Status);
        Assert.Empty(d.Book.Fills);
    }

    [Fact]
    public void Market_order_without_any_quote_is_rejected_with_no_quote()
    {
        var d = new BookDriver();
        Assert.Equal(OrderErrorCode.NoQuote, d.Market("AAPL", Buy, 1m).Order!.RejectReason);
    }

    [Fact]
    public void An_instrument_quoted_outside_usd_cannot_be_traded()
    {
        var d = new BookDriver();
        d.Quote("SAP", 199.99m, 200.00m);
        Assert.Equal(OrderErrorCode.CurrencyNotSupported, d.Market("SAP", Buy, 1m).Order!.RejectReason);
    }
}
