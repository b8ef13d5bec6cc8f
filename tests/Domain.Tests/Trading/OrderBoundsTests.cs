using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderSide;

namespace Crucible.Domain.Tests.Trading;

/// <summary>
/// docs/trading.md "Bounds": the numbers that used to overflow decimal (and answer 500) are refused before anything is
/// recorded, naming the field, and an account with any admitted order keeps trading.
/// </summary>
public sealed class OrderBoundsTests
{
    private const decimal Max = decimal.MaxValue; // 79,228,162,514,264,337,593,543,950,335

    public static TheoryData<string, OrderRequest, OrderErrorCode, string> Refused() => new()
    {
        { "quantity at decimal's maximum", new("AAPL", Buy, OrderType.Market, Max, TimeInForce.Day), OrderErrorCode.QuantityTooLarge, "quantity" },
        { "10^27 ES contracts", new("ES", Buy, OrderType.Market, 1e27m, TimeInForce.Day), OrderErrorCode.QuantityTooLarge, "quantity" },
        { "100,001 ES contracts", new("ES", Sell, OrderType.Market, 100_001m, TimeInForce.Day), OrderErrorCode.QuantityTooLarge, "quantity" },
        { "20,000 BTC at the market", new("BTC", Buy, OrderType.Market, 20_000m, TimeInForce.Day), OrderErrorCode.NotionalTooLarge, "quantity" },
        { "limit at decimal's maximum", new("AAPL", Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: Max), OrderErrorCode.PriceOutOfBand, "limitPrice" },
        { "limit 10× over the ask", new("AAPL", Sell, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 1_000.01m), OrderErrorCode.PriceOutOfBand, "limitPrice" },
        { "limit under a tenth of the bid", new("AAPL", Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 9.99m), OrderErrorCode.PriceOutOfBand, "limitPrice" },
        { "stop at decimal's maximum", new("AAPL", Sell, OrderType.Stop, 1m, TimeInForce.Gtc, StopPrice: Max), OrderErrorCode.PriceOutOfBand, "stopPrice" },
        { "stop-limit's limit far away", new("AAPL", Buy, OrderType.StopLimit, 1m, TimeInForce.Gtc, LimitPrice: 5_000m, StopPrice: 101m), OrderErrorCode.PriceOutOfBand, "limitPrice" },
        { "trail amount 10^27", new("AAPL", Sell, OrderType.TrailingStop, 1m, TimeInForce.Gtc, TrailAmount: 1e27m), OrderErrorCode.PriceOutOfBand, "trailAmount" },
        { "sell trail below a tenth of the bid", new("AAPL", Sell, OrderType.TrailingStop, 1m, TimeInForce.Gtc, TrailAmount: 90.00m), OrderErrorCode.PriceOutOfBand, "trailAmount" },
        { "take-profit at decimal's maximum", new("AAPL", Buy, OrderType.Market, 1m, TimeInForce.Gtc, Class: OrderClass.Bracket,
            TakeProfit: new TakeProfitLeg(Max), StopLoss: new StopLossLeg(95m)), OrderErrorCode.PriceOutOfBand, "takeProfit.limitPrice" },
        { "stop-loss limit far away", new("AAPL", Buy, OrderType.Market, 1m, TimeInForce.Gtc, Class: OrderClass.Bracket,
            TakeProfit: new TakeProfitLeg(110m), StopLoss: new StopLossLeg(95m, 0.01m)), OrderErrorCode.PriceOutOfBand, "stopLoss.limitPrice" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_order_outside_the_bounds_is_refused_naming_the_field_and_records_nothing(string _, OrderRequest request, OrderErrorCode code, string field)
    {
        var d = Quoted();
        var before = State(d);

        var result = d.Submit(request);

        Assert.Null(result.Order);
        Assert.Equal((code, field), (result.Error!.Code, result.Error.Field));
        Assert.Empty(result.Events);
        Assert.Equal(before, State(d));
        Assert.Equal("O-2", d.Market("AAPL", Buy, 1m).Order!.Id); // no id was used, and the account trades on
    }

    [Fact]
    public void Without_a_quote_an_absurd_price_is_refused_by_the_notional_bound_naming_the_price()
    {
        var d = new BookDriver();

        var limit = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: Max));
        var trail = d.Submit(new OrderRequest("ES", Sell, OrderType.TrailingStop, 1m, TimeInForce.Gtc, TrailAmount: 1e27m));
        var size = d.Submit(new OrderRequest("ES", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 2_500_000m));

        Assert.Equal((OrderErrorCode.NotionalTooLarge, "limitPrice"), (limit.Error!.Code, limit.Error.Field));
        Assert.Equal((OrderErrorCode.NotionalTooLarge, "trailAmount"), (trail.Error!.Code, trail.Error.Field));
        // One contract at 2.5M × 50 = 125M is fine; ten are 1.25 billion: the quantity is at fault.
        Assert.Equal((OrderErrorCode.NotionalTooLarge, "quantity"), (size.Error!.Code, size.Error.Field));
        Assert.Empty(d.Book.Orders);
    }

    [Fact]
    public void Symbols_are_matched_case_insensitively_and_orders_carry_the_catalogs_spelling()
    {
        var d = Quoted();

        var order = d.Submit(new OrderRequest("aapl", Buy, OrderType.Market, 2m, TimeInForce.Day)).Order!;
        var resting = d.Submit(new OrderRequest("Aapl", Sell, OrderType.Limit, 2m, TimeInForce.Gtc, LimitPrice: 100.50m)).Order!;

        Assert.Equal(("AAPL", OrderStatus.Filled), (order.Symbol, order.Status));
        Assert.Equal("AAPL", d.Book.Fills[^1].Symbol);
        Assert.Equal("AAPL", resting.Symbol);
        d.Quote("AAPL", 100.50m, 100.51m);
        Assert.Equal(OrderStatus.Filled, d.Order(resting.Id).Status); // the quote of AAPL found it
        d.Market("aapl", Buy, 3m);
        Assert.Equal(OrderStatus.Filled, d.Book.ClosePosition("aApL", d.Now).Order!.Status);
        Assert.Empty(d.Book.Positions);
    }

    [Fact]
    public void Closing_a_position_larger_than_the_maximum_quantity_is_never_refused_for_size()
    {
        var small = Instruments.Equity with { Symbol = "TINY", Limits = new InstrumentLimits(MaxQuantity: 10m, MaxNotional: 5_000m, PriceBand: 10m) };
        var book = new TradingBook("A-1", 100_000m, TradingTerms.Default, s => s == "TINY" ? small : null);
        var now = BookDriver.MondayMorning;
        book.ApplyQuote(new Quote("TINY", 99.99m, 100.00m, 100m, 1m, now, 1));
        book.Submit(new OrderRequest("TINY", Buy, OrderType.Market, 10m, TimeInForce.Day), now);
        book.Submit(new OrderRequest("TINY", Buy, OrderType.Market, 10m, TimeInForce.Day), now);

        Assert.Equal(OrderErrorCode.QuantityTooLarge, book.Submit(new OrderRequest("TINY", Buy, OrderType.Market, 11m, TimeInForce.Day), now).Error!.Code);
        // Selling 21 against 20 held flips into a short: it opens exposure, so it is bounded.
        Assert.Equal(OrderErrorCode.QuantityTooLarge, book.Submit(new OrderRequest("TINY", Sell, OrderType.Market, 21m, TimeInForce.Day), now).Error?.Code);
        var stopLoss = book.Submit(new OrderRequest("TINY", Sell, OrderType.Stop, 20m, TimeInForce.Gtc, StopPrice: 90m), now);
        Assert.Equal(OrderStatus.Accepted, stopLoss.Order!.Status); // a stop-loss for the whole position
        book.Cancel(stopLoss.Order.Id, now);
        Assert.Equal(OrderStatus.Filled, book.ClosePosition("TINY", now).Order!.Status);
        Assert.Empty(book.Positions);
    }

    [Fact]
    public void A_replace_outside_the_bounds_is_refused_and_the_original_keeps_working()
    {
        var d = Quoted();
        var order = d.Submit(new OrderRequest("AAPL", Buy, OrderType.Limit, 1m, TimeInForce.Gtc, LimitPrice: 99.00m)).Order!;

        var refused = d.Book.Replace(order.Id, new ReplaceRequest(LimitPrice: Max), d.Now);
        var tooMany = d.Book.Replace(order.Id, new ReplaceRequest(Quantity: Max), d.Now);

        Assert.Equal((OrderErrorCode.PriceOutOfBand, "limitPrice"), (refused.Error!.Code, refused.Error.Field));
        Assert.Equal((OrderErrorCode.QuantityTooLarge, "quantity"), (tooMany.Error!.Code, tooMany.Error.Field));
        Assert.Equal(OrderStatus.Accepted, d.Order(order.Id).Status);
    }

    [Fact]
    public void Prediction_contracts_have_no_band_their_prices_are_bounded_by_one()
    {
        var d = new BookDriver();
        d.Quote("ELECT", 0.04m, 0.05m);

        var order = d.Submit(new OrderRequest("ELECT", Sell, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: 0.99m)).Order!;

        Assert.Equal(OrderStatus.Accepted, order.Status);
    }

    [Fact]
    public void Random_orders_at_and_beyond_the_bounds_never_throw_and_the_account_keeps_trading()
    {
        var random = new Random(20261203);
        var d = new BookDriver(1_000_000_000m, TradingTerms.Default with { MaxLeverage = 100m, Slippage = new SlippageTerms(5m, 0.5m) });
        decimal[] quantities = [1m, 7m, 1_000m, 99_999m, 100_000m, 100_001m, 1_000_000m, 999_999_999m, 1_000_000_000m, 1e27m, Max];
        decimal[] factors = [0.0001m, 0.09m, 0.1m, 0.11m, 0.5m, 1m, 2m, 9.99m, 10m, 10.01m, 1e10m];
        string[] symbols = ["AAPL", "ES", "BTC"];
        var refused = 0;
        var accepted = 0;
        var mid = new Dictionary<string, decimal> { ["AAPL"] = 100m, ["ES"] = 5_000m, ["BTC"] = 65_000m };

        for (var i = 0; i < 5_000; i++)
        {
            var symbol = symbols[random.Next(symbols.Length)];
            var tick = Instruments.Find(symbol)!.TickSize;
            if (random.Next(3) == 0)
            {
                // The market jumps as far as the band allows, or drifts.
                var move = random.Next(10) == 0 ? factors[random.Next(2, 10)] : 1m + (decimal)(random.NextDouble() - 0.5) / 50m;
                mid[symbol] = Math.Max(tick * 10m, Math.Round(Math.Clamp(mid[symbol] * move, 1m, 10_000_000m) / tick) * tick);
                d.Quote(symbol, mid[symbol] - tick, mid[symbol]);
                continue;
            }

            var quantity = quantities[random.Next(quantities.Length)];
            var price = Math.Max(tick, Math.Round(Math.Min(mid[symbol] * factors[random.Next(factors.Length)], 1e20m) / tick) * tick);
            var side = random.Next(2) == 0 ? Buy : Sell;
            var request = random.Next(5) switch
            {
                0 => new OrderRequest(symbol, side, OrderType.Market, quantity, TimeInForce.Gtc),
                1 => new OrderRequest(symbol, side, OrderType.Limit, quantity, TimeInForce.Gtc, LimitPrice: price),
                2 => new OrderRequest(symbol, side, OrderType.Stop, quantity, TimeInForce.Gtc, StopPrice: price),
                3 => new OrderRequest(symbol, side, OrderType.StopLimit, quantity, TimeInForce.Gtc, LimitPrice: price, StopPrice: price),
                _ => new OrderRequest(symbol, side, OrderType.TrailingStop, quantity, TimeInForce.Gtc, TrailAmount: price),
            };
            var result = d.Submit(request);
            if (result.Error is not null) refused++;
            else accepted++;
        }

        Assert.True(refused > 500 && accepted > 500, $"{refused} refused, {accepted} accepted: the run should hit both sides of the bounds");
        Assert.True(d.Book.Fills.Count > 100, $"only {d.Book.Fills.Count} fills: resting orders should fill as the market jumps");
        d.Quote("AAPL", 99.99m, 100.00m);
        Assert.Equal(OrderStatus.Filled, d.Market("AAPL", Buy, 1m).Order!.Status);
    }

    private static BookDriver Quoted()
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Quote("ES", 4_999.75m, 5_000.00m);
        d.Quote("BTC", 64_999.00m, 65_000.00m);
        d.Market("AAPL", Buy, 5m);
        return d;
    }

    private static string State(BookDriver d) => string.Join("|",
        d.Book.Orders.Count, d.Book.Fills.Count, string.Join(",", d.Book.Positions.Select(p => $"{p.Symbol}:{p.Quantity}")), d.Snapshot().Balance);
}
