namespace Crucible.Api.Tests.Alpaca;

/// <summary>FILL activities with page tokens, and portfolio history, over /v2.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaActivitiesTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    [Fact]
    public async Task Fill_activities_page_newest_first_by_the_last_id_and_other_types_are_empty()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
        for (var i = 1; i <= 3; i++)
            await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"{{i}}","side":"buy","type":"market","time_in_force":"day"}""");

        var first = (await bot.GetAsync("/v2/account/activities/FILL?page_size=2")).AsArray();
        var second = (await bot.GetAsync($"/v2/account/activities?activity_types=FILL&page_size=2&page_token={first[1]!["id"]}")).AsArray();
        var dividends = (await bot.GetAsync("/v2/account/activities/DIV")).AsArray();

        Assert.Equal(["3", "2"], first.Select(a => (string)a!["qty"]!));
        Assert.Equal(["1"], second.Select(a => (string)a!["qty"]!));
        var activity = first[0]!;
        Assert.Equal("FILL", (string)activity["activity_type"]!);
        Assert.Equal("fill", (string)activity["type"]!);
        Assert.Equal("5000.25", (string)activity["price"]!);
        Assert.Equal("buy", (string)activity["side"]!);
        Assert.Equal("3", (string)activity["cum_qty"]!);
        Assert.Equal("0", (string)activity["leaves_qty"]!);
        Assert.Equal("filled", (string)activity["order_status"]!);
        Assert.Empty(dividends);
        var (status, body) = await bot.SendAsync(HttpMethod.Get, "/v2/account/activities/FILL?page_token=nope");
        AlpacaTradingApiTests.AssertError(status, body, System.Net.HttpStatusCode.UnprocessableEntity, 40010001, "page_token");
    }

    [Fact]
    public async Task Portfolio_history_ends_at_the_accounts_equity_against_its_initial_balance()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory, 1_000_000m);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
        await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"2","side":"buy","type":"market","time_in_force":"day"}""");

        var history = await bot.GetAsync("/v2/account/portfolio/history?period=1D&timeframe=1Min");
        var equity = (string)(await bot.GetAsync("/v2/account"))["equity"]!;

        Assert.Equal(1_000_000m, (decimal)history["base_value"]!);
        Assert.Equal("1Min", (string)history["timeframe"]!);
        var count = history["timestamp"]!.AsArray().Count;
        Assert.True(count >= 1);
        Assert.Equal(count, history["equity"]!.AsArray().Count);
        Assert.Equal(count, history["profit_loss"]!.AsArray().Count);
        Assert.Equal(decimal.Parse(equity, System.Globalization.CultureInfo.InvariantCulture), (decimal)history["equity"]!.AsArray()[^1]!);
        // Equity 999,970.50 (−25 unrealized, −4.50 commission): P&L −29.50, −0.00295 %.
        Assert.Equal(-29.5m, (decimal)history["profit_loss"]!.AsArray()[^1]!);
        Assert.Equal(-0.0000295m, (decimal)history["profit_loss_pct"]!.AsArray()[^1]!);
    }
}
