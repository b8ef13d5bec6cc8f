using Crucible.Grains.Interfaces.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

public sealed class TimeInForceTests
{
    private static readonly TradingTerms TopOfBook = TradingTerms.Default with { LimitFillsToTopOfBook = true };

    [Fact]
    public void Ioc_on_thin_size_fills_the_displayed_ask_size_and_cancels_the_rest()
    {
        var d = new BookDriver(terms: TopOfBook);
        d.Quote("AAPL", 99.99m, 100.00m, bidSize: 500m, askSize: 30m);

        var ioc = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 100m, TimeInForce.Ioc, LimitPrice: 100.00m)).Order!;

        Assert.Equal((OrderStatus.Canceled, 30m), (ioc.Status, ioc.FilledQuantity));
        var fill = Assert.Single(d.Book.Fills);
        Assert.Equal((30m, 100.00m, 0.15m), (fill.Quantity, fill.Price, fill.Commission));
        Assert.Equal(30m, d.Position("AAPL").Quantity);
    }

    [Fact]
    public void Fok_on_thin_size_is_canceled_without_any_fill()
    {
        var d = new BookDriver(terms: TopOfBook);
        d.Quote("AAPL", 99.99m, 100.00m, bidSize: 500m, askSize: 30m);

        var fok = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Market, 100m, TimeInForce.Fok)).Order!;

        Assert.Equal((OrderStatus.Canceled, 0m), (fok.Status, fok.FilledQuantity));
        Assert.Empty(d.Book.Fills);
        Assert.Equal(100_000m, d.Snapshot().Equity);
    }

    [Fact]
    public void Resting_orders_share_a_quotes_size_oldest_first_and_keep_working_partially_filled()
    {
        var d = new BookDriver(terms: TopOfBook);
        d.Quote("AAPL", 99.99m, 100.50m);
        var first = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 40m, TimeInForce.Gtc, LimitPrice: 100.00m)).Order!;
        var second = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 40m, TimeInForce.Gtc, LimitPrice: 100.00m)).Order!;

        d.Quote("AAPL", 99.98m, 100.00m, askSize: 50m);

        Assert.Equal((OrderStatus.Filled, 40m), (d.Order(first.Id).Status, d.Order(first.Id).FilledQuantity));
        Assert.Equal((OrderStatus.PartiallyFilled, 10m), (d.Order(second.Id).Status, d.Order(second.Id).FilledQuantity));

        d.Quote("AAPL", 99.97m, 99.99m, askSize: 100m);

        Assert.Equal((OrderStatus.Filled, 30m * 99.99m / 40m + 10m * 100m / 40m), (d.Order(second.Id).Status, d.Order(second.Id).AverageFillPrice!.Value));
    }

    [Fact]
    public void Day_order_expires_at_the_new_york_close_on_the_first_clock_check_at_or_after_it()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        var order = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Day, LimitPrice: 90.00m)).Order!;
        Assert.Equal(DateTimeOffset.Parse("2026-01-05T21:00:00Z"), order.ExpiresAt); // 16:00 EST

        Assert.Empty(d.Book.AdvanceTime(DateTimeOffset.Parse("2026-01-05T20:59:59Z")));
        var events = d.Book.AdvanceTime(DateTimeOffset.Parse("2026-01-05T21:00:00Z"));

        var expired = Assert.IsType<Crucible.Grains.Trading.OrderChanged>(Assert.Single(events)).Order;
        Assert.Equal((OrderStatus.Expired, DateTimeOffset.Parse("2026-01-05T21:00:00Z")), (expired.Status, expired.ExpiredAt!.Value));
        Assert.Empty(d.Book.WatchedSymbols);
    }

    [Fact]
    public void Day_order_accepted_after_fridays_close_expires_at_mondays_close_after_the_dst_change()
    {
        var d = new BookDriver { Now = DateTimeOffset.Parse("2026-03-06T22:00:00Z") }; // Friday 17:00 EST
        d.Quote("AAPL", 99.99m, 100.00m);

        var order = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Day, LimitPrice: 100.00m)).Order!;

        Assert.Equal(OrderStatus.Accepted, order.Status); // marketable, but the market is closed: it waits for a tick
        Assert.Empty(d.Book.Fills);
        Assert.Equal(DateTimeOffset.Parse("2026-03-09T20:00:00Z"), order.ExpiresAt); // Monday 16:00 EDT

        d.Now = DateTimeOffset.Parse("2026-03-09T19:59:58Z");
        d.Quote("AAPL", 100.99m, 101.00m);
        Assert.Equal(OrderStatus.Accepted, d.Order(order.Id).Status);
        d.Quote("AAPL", 98.99m, 99.00m); // at 20:00:00: expiry comes before the fill check
        Assert.Equal(OrderStatus.Expired, d.Order(order.Id).Status);
        Assert.Empty(d.Book.Fills);
    }

    [Fact]
    public void Day_order_in_crypto_expires_at_midnight_utc()
    {
        var d = new BookDriver();
        d.Quote("BTC", 49_999.99m, 50_000.00m);
        var order = d.Submit(new OrderRequest("BTC", Buy, OrderType.Limit, 0.0001m, TimeInForce.Day, LimitPrice: 40_000m)).Order!;
        Assert.Equal(DateTimeOffset.Parse("2026-01-06T00:00:00Z"), order.ExpiresAt);
    }
}
