using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;
using Crucible.Grains.Trading.Bands;

namespace Crucible.Domain.Tests.Trading.Bands;

/// <summary>
/// The price band of an account (docs/scale.md "Price band"): hand-computed edges, and an invariant that does not depend
/// on how the edges are computed: whatever quotes the band admits, applied together, equity stays strictly inside the
/// equity range the band was built for.
/// </summary>
public sealed class MarketBandTests
{
    private static readonly TradingTerms NoCosts = TradingTerms.Default with
    {
        MaxLeverage = 100m,
        Commissions = new Dictionary<InstrumentKind, CommissionTerms>(),
    };

    [Fact]
    public void The_room_on_each_side_is_split_evenly_between_the_symbols_held_less_two_cents_each()
    {
        var driver = new BookDriver(100_000m, NoCosts);
        driver.Quote("ES", 5000.00m, 5000.25m);
        driver.Quote("BTC", 60_000m, 60_010m);
        driver.Market("ES", OrderSide.Buy, 2m);   // long 2 × 50 at the ask 5000.25: marked at the bid, −25.00
        driver.Market("BTC", OrderSide.Sell, 1m); // short 1 at the bid 60,000: marked at the ask, −10.00
        var (_, equity, _) = driver.Book.Numbers();
        Assert.Equal(99_965.00m, equity);

        // 1,000 of room below and 500 above: 499.98 and 249.98 for each of the two symbols.
        var band = MarketBand.Of(driver.Book, new EquityBand(equity - 1_000m, equity + 500m), DateTimeOffset.MaxValue);

        // ES: 2 × 50 = 100 per point: the bid may fall 4.9998 and rise 2.4998; the ask is not its mark.
        Assert.Equal(new PriceBand(4995.0002m, 5002.4998m, decimal.MinValue, decimal.MaxValue), band.Symbols["ES"]);
        // BTC short: loses as the ask rises (room below → ask above), gains as it falls.
        Assert.Equal(new PriceBand(decimal.MinValue, decimal.MaxValue, 59_760.02m, 60_509.98m), band.Symbols["BTC"]);
    }

    [Fact]
    public void Quotes_at_an_edge_after_the_band_expires_or_settling_are_not_quiet()
    {
        var driver = new BookDriver(100_000m, NoCosts);
        driver.Quote("BTC", 60_000m, 60_010m);
        driver.Market("BTC", OrderSide.Buy, 1m);
        var (_, equity, _) = driver.Book.Numbers();
        var until = driver.Now.AddMinutes(1);
        var band = MarketBand.Of(driver.Book, new EquityBand(equity - 100.02m, decimal.MaxValue), until);
        Assert.Equal(59_900m, band.Symbols["BTC"].BidLow);

        Quote At(decimal bid, DateTimeOffset time, decimal? settlement = null) => new("BTC", bid, bid + 10m, bid, 1m, time, 99, settlement);
        Assert.True(band.Admits(At(59_900.01m, driver.Now)));
        Assert.False(band.Admits(At(59_900m, driver.Now)));
        Assert.False(band.Admits(At(60_000m, until)));
        Assert.False(band.Admits(At(60_000m, driver.Now, settlement: 1m)));
        Assert.False(band.Admits(new Quote("ETH", 1m, 2m, 1m, 1m, driver.Now, 1)));
    }

    [Fact]
    public void Equity_outside_its_range_closes_the_band_and_working_orders_keep_their_symbol_out_and_bound_the_time()
    {
        var driver = new BookDriver(100_000m, NoCosts);
        driver.Quote("BTC", 60_000m, 60_010m);
        driver.Quote("ES", 5000.00m, 5000.25m);
        driver.Market("BTC", OrderSide.Buy, 1m);
        var (_, equity, _) = driver.Book.Numbers();

        Assert.Same(MarketBand.Closed, MarketBand.Of(driver.Book, new EquityBand(equity, equity + 1m), DateTimeOffset.MaxValue));
        Assert.Same(MarketBand.Closed, MarketBand.Of(driver.Book, EquityBand.None, DateTimeOffset.MaxValue));

        var day = driver.Submit(new OrderRequest("ES", OrderSide.Buy, OrderType.Limit, 1m, TimeInForce.Day, LimitPrice: 4000m)).Order!;
        Assert.NotNull(day.ExpiresAt);
        var band = MarketBand.Of(driver.Book, EquityBand.Unbounded, DateTimeOffset.MaxValue);
        Assert.False(band.Symbols.ContainsKey("ES"));
        Assert.Equal(PriceBand.Unbounded, band.Symbols["BTC"]);
        Assert.Equal(day.ExpiresAt, band.ValidUntil);
    }

    [Fact]
    public void Whatever_the_band_admits_together_keeps_equity_strictly_inside_its_range()
    {
        var random = new Random(20261204);
        var checkedMoves = 0;
        for (var trial = 0; trial < 2_000; trial++)
        {
            var driver = new BookDriver(100_000m, NoCosts);
            var prices = new Dictionary<string, (decimal Bid, decimal Tick)>
            {
                ["ES"] = (4000m + random.Next(0, 4000) * 0.25m, 0.25m),
                ["BTC"] = (30_000m + random.Next(0, 100_000) * 0.01m, 0.01m),
                ["AAPL"] = (150m + random.Next(0, 10_000) * 0.01m, 0.01m),
            };
            foreach (var (symbol, (bid, tick)) in prices)
                driver.Quote(symbol, bid, bid + tick * random.Next(1, 5));
            foreach (var symbol in prices.Keys.Where(_ => random.Next(3) > 0))
            {
                var quantity = symbol == "BTC" ? random.Next(1, 200) * 0.01m : random.Next(1, 20);
                driver.Market(symbol, random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, quantity);
            }
            var (_, equity, _) = driver.Book.Numbers();
            var range = new EquityBand(equity - random.Next(0, 3_000) - 0.01m * random.Next(100), equity + random.Next(0, 3_000) + 0.01m * random.Next(100));
            var band = MarketBand.Of(driver.Book, range, DateTimeOffset.MaxValue);
            if (band == MarketBand.Closed) continue;

            // Every held symbol moves at once, each to a random price its band admits (on its tick grid, inside the edges).
            foreach (var (symbol, edges) in band.Symbols)
            {
                var current = driver.Book.Quotes[symbol];
                var tick = prices[symbol].Tick;
                if (Inside(current, edges, tick, random, driver.Now.AddSeconds(1)) is not { } quote) continue;
                Assert.True(band.Admits(quote), $"trial {trial}: {quote} should be inside {edges}");
                driver.Book.ApplyQuote(quote);
                checkedMoves++;
            }
            var (_, moved, _) = driver.Book.Numbers();
            Assert.True(range.Contains(moved), $"trial {trial}: equity {moved} left ({range.Low}, {range.High}) with every quote inside the band");
        }
        Assert.True(checkedMoves > 2_000, $"only {checkedMoves} moves were checked");
    }

    /// <summary>
    /// A quote on the tick grid strictly inside the band, often at the last tick before an edge: the marked side (the bid of
    /// a long, the ask of a short) is drawn inside its edges and the other keeps the spread; null when no tick fits.
    /// </summary>
    private static Quote? Inside(Quote current, PriceBand band, decimal tick, Random random, DateTimeOffset time)
    {
        decimal? Pick(decimal price, decimal low, decimal high)
        {
            var lowest = low == decimal.MinValue ? price - 1_000 * tick : (Math.Floor(low / tick) + 1) * tick;
            var highest = high == decimal.MaxValue ? price + 1_000 * tick : (Math.Ceiling(high / tick) - 1) * tick;
            if (highest < lowest) return null;
            return random.Next(3) switch
            {
                0 => lowest,
                1 => highest,
                _ => lowest + tick * random.Next(0, (int)Math.Min(int.MaxValue - 1, (highest - lowest) / tick) + 1),
            };
        }
        var spread = current.Ask - current.Bid;
        decimal bid, ask;
        if (band.AskLow != decimal.MinValue || band.AskHigh != decimal.MaxValue)
        {
            if (Pick(current.Ask, band.AskLow, band.AskHigh) is not { } a) return null;
            (bid, ask) = (a - spread, a);
        }
        else
        {
            if (Pick(current.Bid, band.BidLow, band.BidHigh) is not { } b) return null;
            (bid, ask) = (b, b + spread);
        }
        return new Quote(current.Symbol, bid, ask, bid, 1m, time, current.Sequence + 1);
    }
}
