using Crucible.Grains.Interfaces.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

public sealed class SettlementAndSlippageTests
{
    [Theory]
    [InlineData(1.0, 58.00)]   // (1 − 0.42) × 100
    [InlineData(0.0, -42.00)]  // (0 − 0.42) × 100
    public void Prediction_contract_settlement_closes_the_position_without_commission_and_cancels_working_orders(double value, double realized)
    {
        var settlement = (decimal)value;
        var d = new BookDriver();
        d.Quote("ELECT", 0.40m, 0.42m);
        d.Market("ELECT", Buy, 100m);
        var resting = d.Submit(new OrderRequest("ELECT", Buy, OrderType.Limit, 50m, TimeInForce.Gtc, LimitPrice: 0.30m)).Order!;

        d.Quote("ELECT", settlement, settlement, settlement: settlement);

        Assert.Empty(d.Book.Positions);
        Assert.Equal(OrderStatus.Canceled, d.Order(resting.Id).Status);
        Assert.Single(d.Book.Fills);
        var account = d.Snapshot();
        Assert.Equal((decimal)realized, account.RealizedPnl);
        Assert.Equal(0m, account.CommissionsPaid);
        Assert.Equal(100_000m + (decimal)realized, account.Balance);
        Assert.Empty(d.Book.WatchedSymbols);
    }

    [Fact]
    public void Fixed_bps_slippage_is_rounded_to_the_tick_against_the_trader()
    {
        var d = new BookDriver(terms: TradingTerms.Default with { Slippage = new SlippageTerms(10m, 0m) });
        d.Quote("AAPL", 100.01m, 100.03m);

        d.Market("AAPL", Buy, 10m);
        d.Market("AAPL", Sell, 10m);

        Assert.Equal(100.14m, d.Book.Fills[0].Price); // 100.03 + 0.10003 = 100.13003, up
        Assert.Equal(99.90m, d.Book.Fills[1].Price);  // 100.01 − 0.10001 = 99.90999, down
        Assert.Equal(-2.40m, d.Book.Fills[1].RealizedPnl);
    }

    [Fact]
    public void Per_lot_slippage_grows_with_the_order_size()
    {
        var d = new BookDriver(terms: TradingTerms.Default with { Slippage = new SlippageTerms(0m, 0.5m) });
        d.Quote("AAPL", 100.01m, 100.01m);

        d.Market("AAPL", Buy, 10m);
        d.Market("AAPL", Sell, 10m);

        Assert.Equal(100.07m, d.Book.Fills[0].Price); // 5 bps: 100.01 + 0.050005, up
        Assert.Equal(99.95m, d.Book.Fills[1].Price);  // 100.01 − 0.050005, down
    }

    [Fact]
    public void Slippage_counts_lots_not_units_and_crypto_pays_bps_of_notional()
    {
        var d = new BookDriver(terms: TradingTerms.Default with { Slippage = new SlippageTerms(0m, 0.001m) });
        d.Quote("BTC", 49_999.99m, 50_000.00m);

        d.Market("BTC", Buy, 0.5m); // 5 000 lots × 0.001 bps = 5 bps: 50 000 + 25

        var fill = Assert.Single(d.Book.Fills);
        Assert.Equal(50_025.00m, fill.Price);
        Assert.Equal(25.01m, fill.Commission); // 10 bps of 25 012.50 = 25.0125
    }

    [Fact]
    public void Limit_orders_pay_no_slippage()
    {
        var d = new BookDriver(terms: TradingTerms.Default with { Slippage = new SlippageTerms(10m, 0m) });
        d.Quote("AAPL", 100.01m, 100.03m);
        d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 100.05m));
        Assert.Equal(100.03m, Assert.Single(d.Book.Fills).Price);
    }
}
