using System.Net;
using System.Text.Json;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>Latest quote, latest trade and bars in Alpaca's market-data v2 (stocks) and v1beta3 (crypto) shapes.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaMarketDataTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    [Fact]
    public async Task Latest_quote_and_trade_read_the_feed_in_stock_and_crypto_shapes()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        var quote = await bot.Trader.QuoteAsync(5000.00m, 5000.25m, bidSize: 3, askSize: 4);

        var stock = await bot.GetAsync($"/v2/stocks/{Symbol}/quotes/latest");
        var stocks = await bot.GetAsync($"/v2/stocks/quotes/latest?symbols={Symbol},NOPE");
        var trade = await bot.GetAsync($"/v2/stocks/{Symbol}/trades/latest");
        var crypto = await bot.GetAsync($"/v1beta3/crypto/us/latest/quotes?symbols={Symbol}");
        var cryptoTrade = await bot.GetAsync($"/v1beta3/crypto/us/latest/trades?symbols={Symbol}");

        Assert.Equal(Symbol, (string)stock["symbol"]!);
        Assert.Equal(5000.00m, (decimal)stock["quote"]!["bp"]!);
        Assert.Equal(5000.25m, (decimal)stock["quote"]!["ap"]!);
        Assert.Equal(3m, (decimal)stock["quote"]!["bs"]!);
        Assert.Equal(4m, (decimal)stock["quote"]!["as"]!);
        Assert.Equal(JsonValueKind.Number, stock["quote"]!["bp"]!.GetValueKind());
        Assert.Equal(quote.Time, DateTimeOffset.Parse((string)stock["quote"]!["t"]!));
        Assert.Equal([Symbol], stocks["quotes"]!.AsObject().Select(p => p.Key));
        Assert.Equal(5000.00m, (decimal)trade["trade"]!["p"]!);
        Assert.Equal(quote.Sequence, (long)trade["trade"]!["i"]!);
        Assert.Equal(5000.25m, (decimal)crypto["quotes"]![Symbol]!["ap"]!);
        Assert.Equal(5000.00m, (decimal)cryptoTrade["trades"]![Symbol]!["p"]!);
    }

    [Fact]
    public async Task Bars_are_the_feeds_minute_bars_and_an_unkept_timeframe_is_refused()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var one = await bot.GetAsync($"/v2/stocks/{Symbol}/bars?timeframe=1Min&limit=5");
        var many = await bot.GetAsync($"/v1beta3/crypto/us/bars?symbols={Symbol}&timeframe=1Min&limit=5");
        var (status, body) = await bot.SendAsync(HttpMethod.Get, $"/v2/stocks/{Symbol}/bars?timeframe=1Day");

        var last = one["bars"]!.AsArray()[^1]!;
        Assert.InRange(one["bars"]!.AsArray().Count, 1, 5);
        Assert.Equal(5000.00m, (decimal)last["c"]!);
        Assert.True((decimal)last["h"]! >= (decimal)last["l"]!);
        Assert.Null(one["next_page_token"]);
        Assert.Equal(one["bars"]!.ToJsonString(), many["bars"]![Symbol]!.ToJsonString());
        AlpacaTradingApiTests.AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, "timeframe");
    }
}
