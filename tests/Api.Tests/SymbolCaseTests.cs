using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests;

/// <summary>
/// A symbol in another case names the same instrument: the API resolves it through the catalog and passes the
/// catalog's spelling on, so the order is stored as BTC-USD and fills, instead of waiting forever as btc-usd.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SymbolCaseTests(CrucibleApiFactory factory)
{
    private readonly TradingTestClient client = new(factory);

    [Fact]
    public async Task A_market_order_for_btc_usd_is_stored_as_BTC_USD_and_fills()
    {
        var account = await client.OpenAccountAsync();
        await WaitForQuoteAsync("BTC-USD");

        var order = await client.PostOrderOkAsync(account, new { symbol = "btc-usd", side = "buy", type = "market", quantity = 0.0001m });

        Assert.Equal(("BTC-USD", "filled"), ((string)order["symbol"]!, (string)order["status"]!));
        var stored = await client.GetAsync($"/api/v1/accounts/{account}/orders/{(string)order["id"]!}");
        Assert.Equal("BTC-USD", (string)stored["symbol"]!);
        var position = Assert.Single((await client.GetAsync($"/api/v1/accounts/{account}/positions")).AsArray());
        Assert.Equal(("BTC-USD", 0.0001m), ((string)position!["symbol"]!, (decimal)position["quantity"]!));
        Assert.Equal("BTC-USD", (string)Assert.Single((await client.GetAsync($"/api/v1/accounts/{account}/fills")).AsArray())!["symbol"]!);
    }

    [Theory]
    [InlineData("test-ext")]
    [InlineData("Test-Ext")]
    public async Task An_order_in_any_case_trades_the_catalog_instrument(string symbol)
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);

        var order = await client.PostOrderOkAsync(account, new { symbol, side = "buy", type = "market", quantity = 1 });

        Assert.Equal((CrucibleApiFactory.ExternalSymbol, "filled", 5000.25m),
            ((string)order["symbol"]!, (string)order["status"]!, (decimal)order["averageFillPrice"]!));
    }

    [Fact]
    public async Task A_resting_order_for_es_is_stored_as_ES()
    {
        var account = await client.OpenAccountAsync();

        // gtc limit far below the market: accepted whether the exchange is open or not, and never fills
        var order = await client.PostOrderOkAsync(account, new { symbol = "es", side = "buy", type = "limit", quantity = 1, limitPrice = 1000.00m, timeInForce = "gtc" });

        Assert.Equal(("ES", "accepted"), ((string)order["symbol"]!, (string)order["status"]!));
    }

    [Fact]
    public async Task Closing_a_position_by_its_symbol_in_another_case_closes_it()
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);
        await client.PostOrderOkAsync(account, new { symbol = CrucibleApiFactory.ExternalSymbol, side = "buy", type = "market", quantity = 1 });

        var response = await client.Http.DeleteAsync($"/api/v1/accounts/{account}/positions/test-ext");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var close = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal((CrucibleApiFactory.ExternalSymbol, "sell", 1m), ((string)close["symbol"]!, (string)close["side"]!, (decimal)close["filledQuantity"]!));
        Assert.Empty((await client.GetAsync($"/api/v1/accounts/{account}/positions")).AsArray());
    }

    [Fact]
    public async Task An_unknown_symbol_is_still_the_books_error_naming_symbol()
    {
        var account = await client.OpenAccountAsync();
        var before = await client.StateAsync(account);

        var response = await client.PostOrderAsync(account, """{"symbol":"no-such","side":"buy","type":"market","quantity":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("unknown_symbol", "symbol"), ((string)problem["code"]!, (string)problem["field"]!));
        Assert.Equal(before, await client.StateAsync(account));
    }

    private async Task WaitForQuoteAsync(string symbol)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await client.GetAsync($"/api/v1/instruments/{symbol}"))["quote"] is not { } quote || quote.GetValueKind() == JsonValueKind.Null)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{symbol} never quoted");
            await Task.Delay(100);
        }
    }
}
