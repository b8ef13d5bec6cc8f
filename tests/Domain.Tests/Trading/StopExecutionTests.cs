using Crucible.Grains.Interfaces.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

/// <summary>
/// A triggered stop is a market order (docs/trading.md "Stop"): it fills at the touch of the quote that triggered it
/// plus slippage, never at its stop price. Prices below are computed by hand with 2 bps of fixed slippage, rounded to
/// the cent against the trader.
/// </summary>
public sealed class StopExecutionTests
{
    private static readonly TradingTerms WithSlippage = TradingTerms.Default with { Slippage = new SlippageTerms(FixedBps: 2m, BpsPerLot: 0m) };

    [Fact]
    public void A_buy_stop_far_below_the_ask_fills_at_the_next_ask_plus_slippage_not_at_the_stop()
    {
        var d = new BookDriver(terms: WithSlippage);
        d.Quote("AAPL", 99.99m, 100.00m);
        var stop = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Stop, 5m, TimeInForce.Gtc, StopPrice: 95.00m)).Order!;
        Assert.Equal(OrderStatus.Accepted, stop.Status); // stops never trigger at submission

        d.Quote("AAPL", 100.49m, 100.50m);

        var fill = Assert.Single(d.Book.Fills);
        Assert.Equal(100.53m, fill.Price); // 100.50 × 1.0002 = 100.5201, up to 100.53
        Assert.Equal(OrderStatus.Filled, d.Order(stop.Id).Status);
    }

    [Fact]
    public void A_sell_stop_above_the_bid_fills_at_the_bid_minus_slippage()
    {
        var d = new BookDriver(terms: WithSlippage);
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m); // 100.00 × 1.0002 = 100.02
        var stop = d.Submit(new OrderRequest("AAPL", Sell, OrderType.Stop, 10m, TimeInForce.Gtc, StopPrice: 105.00m)).Order!;

        d.Quote("AAPL", 100.10m, 100.11m);

        var exit = d.Book.Fills[1];
        Assert.Equal((stop.Id, 100.07m), (exit.OrderId, exit.Price)); // 100.10 × 0.9998 = 100.07998, down to 100.07
        Assert.Equal(0.50m, exit.RealizedPnl);                         // (100.07 − 100.02) × 10
    }

    [Fact]
    public void A_gap_through_a_sell_stop_fills_at_the_gapped_bid()
    {
        var d = new BookDriver(terms: WithSlippage);
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);
        var stop = d.Submit(new OrderRequest("AAPL", Sell, OrderType.Stop, 10m, TimeInForce.Gtc, StopPrice: 98.00m)).Order!;

        d.Quote("AAPL", 99.00m, 99.01m);
        Assert.Single(d.Book.Fills);
        d.Quote("AAPL", 96.00m, 96.01m);

        var exit = d.Book.Fills[1];
        Assert.Equal((stop.Id, 95.98m), (exit.OrderId, exit.Price)); // 96.00 × 0.9998 = 95.9808, down to 95.98
        Assert.Equal(-40.40m, exit.RealizedPnl);                      // (95.98 − 100.02) × 10
    }

    [Fact]
    public void A_trailing_stop_fills_at_the_touch_plus_slippage_when_it_triggers()
    {
        var d = new BookDriver(terms: WithSlippage);
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Market("AAPL", Buy, 10m);
        var trail = d.Submit(new OrderRequest("AAPL", Sell, OrderType.TrailingStop, 10m, TimeInForce.Gtc, TrailAmount: 1.00m)).Order!;
        d.Quote("AAPL", 102.00m, 102.01m);
        Assert.Equal(101.00m, d.Order(trail.Id).StopPrice);

        d.Quote("AAPL", 100.50m, 100.51m);

        var exit = d.Book.Fills[1];
        Assert.Equal((trail.Id, 100.47m), (exit.OrderId, exit.Price)); // 100.50 × 0.9998 = 100.4799, down to 100.47
    }

    [Fact]
    public void A_sell_stop_at_twice_the_bid_on_a_long_sells_at_the_bid_and_makes_no_free_money()
    {
        var d = new BookDriver();
        d.Quote("BTC", 64_999.00m, 65_000.00m);
        d.Market("BTC", Buy, 1m);
        var balanceAfterEntry = d.Snapshot().Balance;
        d.Submit(new OrderRequest("BTC", Sell, OrderType.Stop, 1m, TimeInForce.Gtc, StopPrice: 130_000.00m));

        d.Quote("BTC", 65_010.00m, 65_011.00m);

        var exit = d.Book.Fills[1];
        Assert.Equal(65_010.00m, exit.Price);
        Assert.Equal(10.00m, exit.RealizedPnl); // (65,010 − 65,000) × 1, not (130,000 − 65,000)
        Assert.Equal(balanceAfterEntry + 10.00m - 65.01m, d.Snapshot().Balance); // 10 bps commission on 65,010
    }

    [Fact]
    public void Buying_power_of_a_buy_stop_below_the_ask_is_checked_at_the_ask()
    {
        // 100,000 × leverage 4 = 400,000. At the stop, 6.5 × 60,000 = 390,000 would pass; the order executes at
        // the ask once triggered, and 6.5 × 65,000 = 422,500 does not.
        var d = new BookDriver();
        d.Quote("BTC", 64_999.00m, 65_000.00m);

        var rejected = d.Submit(new OrderRequest("BTC", Buy, OrderType.Stop, 6.5m, TimeInForce.Gtc, StopPrice: 60_000.00m)).Order!;
        Assert.Equal((OrderStatus.Rejected, OrderErrorCode.InsufficientBuyingPower), (rejected.Status, rejected.RejectReason));

        var accepted = d.Submit(new OrderRequest("BTC", Buy, OrderType.Stop, 6.1m, TimeInForce.Gtc, StopPrice: 60_000.00m)).Order!;
        Assert.Equal(OrderStatus.Accepted, accepted.Status); // 6.1 × 65,000 = 396,500
    }

    [Fact]
    public void Buying_power_of_a_buy_stop_above_the_ask_is_checked_at_its_stop()
    {
        var d = new BookDriver();
        d.Quote("BTC", 64_999.00m, 65_000.00m);

        var rejected = d.Submit(new OrderRequest("BTC", Buy, OrderType.Stop, 5.8m, TimeInForce.Gtc, StopPrice: 70_000.00m)).Order!;
        Assert.Equal(OrderStatus.Rejected, rejected.Status); // 5.8 × 70,000 = 406,000 > 400,000
        var accepted = d.Submit(new OrderRequest("BTC", Buy, OrderType.Stop, 5.7m, TimeInForce.Gtc, StopPrice: 70_000.00m)).Order!;
        Assert.Equal(OrderStatus.Accepted, accepted.Status); // 399,000
    }

    [Fact]
    public void Buying_power_of_a_sell_stop_above_the_bid_opening_a_short_is_checked_at_the_bid()
    {
        var d = new BookDriver();
        d.Quote("BTC", 65_000.00m, 65_001.00m);

        // At the stop 6 × 70,000 = 420,000 would be refused; the short opens at the bid: 6 × 65,000 = 390,000.
        var accepted = d.Submit(new OrderRequest("BTC", Sell, OrderType.Stop, 6m, TimeInForce.Gtc, StopPrice: 70_000.00m)).Order!;
        Assert.Equal(OrderStatus.Accepted, accepted.Status);
    }
}
