using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

/// <summary>
/// opg (on the open) and cls (at the close) orders. AAPL trades 09:30–16:00 New York: in January (EST) that is 14:30Z–21:00Z.
/// Every fill is also checked against the quote it names: a price the market really showed (<see cref="FillPriceInvariant"/>).
/// </summary>
public sealed class AuctionOrderTests
{
    private static readonly DateTimeOffset MondayPreOpen = DateTimeOffset.Parse("2026-01-05T13:00:00Z"); // 08:00 EST
    private static readonly DateTimeOffset MondayOpen = DateTimeOffset.Parse("2026-01-05T14:30:00Z");
    private static readonly DateTimeOffset MondayClose = DateTimeOffset.Parse("2026-01-05T21:00:00Z");

    private readonly FillPriceInvariant invariant = new(TradingTerms.Default.Slippage, Instruments.Find);

    private static OrderRequest Opg(OrderSide side, decimal quantity, decimal? limit = null, string symbol = "AAPL") =>
        new(symbol, side, limit is null ? OrderType.Market : OrderType.Limit, quantity, TimeInForce.Opg, LimitPrice: limit);

    private static OrderRequest Cls(OrderSide side, decimal quantity, decimal? limit = null, string symbol = "AAPL") =>
        new(symbol, side, limit is null ? OrderType.Market : OrderType.Limit, quantity, TimeInForce.Cls, LimitPrice: limit);

    private void Quote(BookDriver d, string symbol, decimal bid, decimal ask, decimal? askSize = null)
    {
        d.Quote(symbol, bid, ask, askSize: askSize);
        invariant.Saw(d.Book.Quotes[symbol]);
    }

    /// <summary>Every fill lies within the touch of a quote the run really applied (and names it).</summary>
    private void AssertFillsWereOffered(BookDriver d)
    {
        foreach (var fill in d.Book.Fills)
            Assert.Empty(invariant.Check(fill, d.Book.FindOrder(fill.OrderId)));
    }

    [Fact]
    public void Opg_market_placed_before_the_open_fills_at_the_ask_of_the_first_quote_of_the_session()
    {
        var d = new BookDriver { Now = MondayPreOpen };
        Quote(d, "AAPL", 99.00m, 99.10m);

        var order = d.Submit(Opg(Buy, 10m)).Order!;
        Assert.Equal((OrderStatus.Accepted, MondayClose), (order.Status, order.ExpiresAt!.Value));

        d.Now = MondayOpen.AddSeconds(-2);
        Quote(d, "AAPL", 99.50m, 99.60m); // 14:29:59, still before the open
        Assert.Empty(d.Book.Fills);

        d.Now = MondayOpen;
        Quote(d, "AAPL", 100.00m, 100.05m); // 14:30:01, the session's first quote
        Quote(d, "AAPL", 98.00m, 98.05m);

        var fill = Assert.Single(d.Book.Fills);
        Assert.Equal((10m, 100.05m, 0.05m, MondayOpen.AddSeconds(1)), (fill.Quantity, fill.Price, fill.Commission, fill.Time));
        Assert.Equal((OrderStatus.Filled, 100.05m), (d.Order(order.Id).Status, d.Order(order.Id).AverageFillPrice));
        Assert.Equal(10m, d.Position("AAPL").Quantity);
        AssertFillsWereOffered(d);
    }

    [Fact]
    public void Opg_limit_not_marketable_on_the_first_quote_of_the_session_expires_and_never_fills_later()
    {
        var d = new BookDriver { Now = MondayPreOpen };
        Quote(d, "AAPL", 99.00m, 99.10m);
        var order = d.Submit(Opg(Buy, 10m, limit: 99.50m)).Order!;

        d.Now = MondayOpen;
        Quote(d, "AAPL", 100.00m, 100.05m); // ask 100.05 > limit 99.50: not marketable at the open
        Quote(d, "AAPL", 99.00m, 99.05m);   // would cross the limit, but the open has passed

        Assert.Equal((OrderStatus.Expired, MondayOpen.AddSeconds(1)), (d.Order(order.Id).Status, d.Order(order.Id).ExpiredAt!.Value));
        Assert.Empty(d.Book.Fills);
    }

    [Fact]
    public void Opg_limit_marketable_at_the_open_fills_at_the_touch_not_at_its_limit()
    {
        var d = new BookDriver { Now = MondayPreOpen };
        Quote(d, "AAPL", 99.00m, 99.10m);
        var order = d.Submit(Opg(Sell, 5m, limit: 99.50m)).Order!;

        d.Now = MondayOpen;
        Quote(d, "AAPL", 100.00m, 100.05m); // bid 100.00 ≥ limit 99.50

        var fill = Assert.Single(d.Book.Fills);
        Assert.Equal((Sell, 5m, 100.00m), (fill.Side, fill.Quantity, fill.Price));
        Assert.Equal(OrderStatus.Filled, d.Order(order.Id).Status);
        AssertFillsWereOffered(d);
    }

    [Fact]
    public void Opg_placed_while_the_session_is_open_is_refused_and_records_nothing()
    {
        var d = new BookDriver(); // Monday 15:00Z: open
        Quote(d, "AAPL", 99.99m, 100.00m);

        var result = d.Submit(Opg(Buy, 10m));

        Assert.Null(result.Order);
        Assert.Equal((OrderErrorCode.TimeInForceNotAllowed, "timeInForce"), (result.Error!.Code, result.Error.Field));
        Assert.Contains("market is closed", result.Error.Message);
        Assert.Equal(0, d.Book.OrderCount);
        Assert.Empty(d.Book.Fills);
    }

    [Theory]
    [InlineData(TimeInForce.Opg)]
    [InlineData(TimeInForce.Cls)]
    public void Opg_and_cls_are_refused_for_crypto_which_has_no_open_or_close(TimeInForce timeInForce)
    {
        var d = new BookDriver { Now = MondayPreOpen };
        Quote(d, "BTC", 49_999.99m, 50_000.00m);

        var result = d.Submit(new OrderRequest("BTC", Buy, OrderType.Market, 0.01m, timeInForce));

        Assert.Null(result.Order);
        Assert.Equal((OrderErrorCode.TimeInForceNotAllowed, "timeInForce"), (result.Error!.Code, result.Error.Field));
        Assert.Contains("around the clock", result.Error.Message);
        Assert.Equal(0, d.Book.OrderCount);
    }

    [Fact]
    public void Opg_and_cls_are_for_simple_market_and_limit_orders_only()
    {
        var d = new BookDriver { Now = MondayPreOpen };
        Quote(d, "AAPL", 99.00m, 99.10m);

        var stop = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Stop, 10m, TimeInForce.Cls, StopPrice: 101m));
        var bracket = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Market, 10m, TimeInForce.Opg, Class: OrderClass.Bracket,
            TakeProfit: new TakeProfitLeg(110m), StopLoss: new StopLossLeg(90m)));

        Assert.Equal((OrderErrorCode.TimeInForceNotAllowed, "timeInForce"), (stop.Error!.Code, stop.Error.Field));
        Assert.Equal((OrderErrorCode.TimeInForceNotAllowed, "timeInForce"), (bracket.Error!.Code, bracket.Error.Field));
        Assert.Equal(0, d.Book.OrderCount);
    }

    [Fact]
    public void Cls_market_waits_through_the_session_and_fills_at_the_close_against_the_last_quote_before_it()
    {
        var d = new BookDriver(); // Monday 15:00Z
        Quote(d, "AAPL", 99.99m, 100.00m);
        var order = d.Submit(Cls(Buy, 10m)).Order!;
        Assert.Equal((OrderStatus.Accepted, MondayClose), (order.Status, order.ExpiresAt!.Value));
        Assert.Empty(d.Book.Fills); // marketable and open, but it waits for the close

        d.Now = MondayClose.AddSeconds(-3);
        Quote(d, "AAPL", 101.00m, 101.10m); // 20:59:58
        Quote(d, "AAPL", 101.20m, 101.30m); // 20:59:59: the last quote before the close
        Assert.Empty(d.Book.Fills);
        Assert.Empty(d.Book.AdvanceTime(MondayClose.AddMilliseconds(-1)));

        d.Book.AdvanceTime(MondayClose.AddMilliseconds(400));

        var fill = Assert.Single(d.Book.Fills);
        Assert.Equal((10m, 101.30m, 0.05m, MondayClose), (fill.Quantity, fill.Price, fill.Commission, fill.Time));
        Assert.Equal((OrderStatus.Filled, MondayClose), (d.Order(order.Id).Status, d.Order(order.Id).FilledAt!.Value));
        AssertFillsWereOffered(d);
    }

    [Fact]
    public void Cls_closes_on_the_next_sessions_first_quote_at_the_quote_before_the_close_not_at_the_new_one()
    {
        var d = new BookDriver();
        Quote(d, "AAPL", 99.99m, 100.00m);
        d.Submit(new OrderRequest("AAPL", Buy, OrderType.Market, 10m, TimeInForce.Day));
        var order = d.Submit(Cls(Sell, 10m)).Order!;

        d.Now = MondayClose.AddSeconds(-2);
        Quote(d, "AAPL", 102.40m, 102.50m); // 20:59:59
        d.Now = DateTimeOffset.Parse("2026-01-06T14:30:00Z");
        Quote(d, "AAPL", 90.00m, 90.05m);   // Tuesday's first quote is the first clock check after the close

        var fill = Assert.Single(d.Book.Fills, f => f.OrderId == order.Id);
        Assert.Equal((Sell, 10m, 102.40m, MondayClose), (fill.Side, fill.Quantity, fill.Price, fill.Time));
        Assert.Empty(d.Book.Positions);
        AssertFillsWereOffered(d);
    }

    [Fact]
    public void Cls_limit_not_marketable_at_the_close_expires_unfilled()
    {
        var d = new BookDriver();
        Quote(d, "AAPL", 99.99m, 100.00m);
        var order = d.Submit(Cls(Buy, 10m, limit: 101.00m)).Order!;

        d.Now = MondayClose.AddSeconds(-2);
        Quote(d, "AAPL", 101.20m, 101.30m); // ask 101.30 > limit 101.00
        var check = MondayClose.AddSeconds(1);
        d.Book.AdvanceTime(check);

        Assert.Equal((OrderStatus.Expired, check), (d.Order(order.Id).Status, d.Order(order.Id).ExpiredAt!.Value));
        Assert.Empty(d.Book.Fills);
    }

    [Fact]
    public void Cls_placed_while_closed_targets_the_next_close_and_expires_when_that_session_showed_no_price()
    {
        var d = new BookDriver { Now = MondayPreOpen };
        Quote(d, "AAPL", 99.00m, 99.10m); // 13:00:01, before the session: not a price of it
        var order = d.Submit(Cls(Buy, 10m)).Order!;
        Assert.Equal((OrderStatus.Accepted, MondayClose), (order.Status, order.ExpiresAt!.Value)); // a closed market rejects no cls

        d.Book.AdvanceTime(MondayClose);

        Assert.Equal(OrderStatus.Expired, d.Order(order.Id).Status);
        Assert.Empty(d.Book.Fills);
    }

    [Fact]
    public void Cls_on_thin_size_fills_the_last_quotes_displayed_size_and_the_rest_expires()
    {
        var d = new BookDriver(terms: TradingTerms.Default with { LimitFillsToTopOfBook = true });
        Quote(d, "AAPL", 99.99m, 100.00m);
        var order = d.Submit(Cls(Buy, 10m)).Order!;

        d.Now = MondayClose.AddSeconds(-2);
        Quote(d, "AAPL", 101.20m, 101.30m, askSize: 4m);
        d.Book.AdvanceTime(MondayClose);

        var fill = Assert.Single(d.Book.Fills);
        Assert.Equal((4m, 101.30m), (fill.Quantity, fill.Price));
        Assert.Equal((OrderStatus.Expired, 4m), (d.Order(order.Id).Status, d.Order(order.Id).FilledQuantity));
        AssertFillsWereOffered(d);
    }

    [Fact]
    public void Cls_on_a_future_executes_at_the_chicago_close()
    {
        var d = new BookDriver(); // Monday 09:00 CT
        Quote(d, "ES", 5_000.00m, 5_000.25m);
        var order = d.Submit(Cls(Buy, 1m, symbol: "ES")).Order!;
        var close = DateTimeOffset.Parse("2026-01-05T22:00:00Z"); // 16:00 CST
        Assert.Equal(close, order.ExpiresAt);

        d.Now = close.AddSeconds(-2);
        Quote(d, "ES", 5_010.00m, 5_010.25m);
        d.Book.AdvanceTime(close);

        var fill = Assert.Single(d.Book.Fills);
        Assert.Equal((1m, 5_010.25m, 2.25m), (fill.Quantity, fill.Price, fill.Commission));
        AssertFillsWereOffered(d);
    }

    [Fact]
    public void Replacing_into_opg_while_the_session_is_open_is_refused_and_the_original_keeps_working()
    {
        var d = new BookDriver();
        Quote(d, "AAPL", 99.99m, 100.00m);
        var order = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 90.00m)).Order!;

        var result = d.Book.Replace(order.Id, new ReplaceRequest(TimeInForce: TimeInForce.Opg), d.Now);

        Assert.Equal((OrderErrorCode.TimeInForceNotAllowed, "timeInForce"), (result.Error!.Code, result.Error.Field));
        Assert.Equal(OrderStatus.Accepted, d.Order(order.Id).Status);
    }

    [Fact]
    public void A_notional_is_kept_on_the_order_and_dropped_when_a_replace_changes_the_quantity()
    {
        var d = new BookDriver();
        Quote(d, "AAPL", 99.99m, 100.00m);
        var order = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Day, LimitPrice: 90.00m, Notional: 1_000m)).Order!;
        Assert.Equal(1_000m, order.Notional);

        var repriced = d.Book.Replace(order.Id, new ReplaceRequest(LimitPrice: 91.00m), d.Now).Order!;
        var resized = d.Book.Replace(repriced.Id, new ReplaceRequest(Quantity: 5m), d.Now).Order!;

        Assert.Equal((1_000m, (decimal?)null), (repriced.Notional, resized.Notional));
        var refused = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Market, 10m, TimeInForce.Day, Notional: 0m));
        Assert.Equal((OrderErrorCode.InvalidQuantity, "notional"), (refused.Error!.Code, refused.Error.Field));
    }
}
