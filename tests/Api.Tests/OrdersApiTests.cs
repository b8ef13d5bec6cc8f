using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class OrdersApiTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;   // tick 0.25, multiplier 50, $2.25 per contract
    private readonly TradingTestClient client = new(factory);

    [Fact]
    public async Task A_market_round_trip_fills_at_the_touch_and_books_commission_and_pnl_to_the_cent()
    {
        var account = await client.OpenAccountAsync(100_000m);
        await client.QuoteAsync(5000.00m, 5000.25m);

        var buy = await client.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 1, timeInForce = "day" });
        Assert.Equal("filled", (string)buy["status"]!);
        Assert.Equal(5000.25m, (decimal)buy["averageFillPrice"]!);

        // long 1 at 5000.25, marked to the bid 5000.00: −0.25 × 50 = −12.50; commission 2.25
        var open = await client.GetAsync($"/api/v1/accounts/{account}");
        Assert.Equal(99_997.75m, (decimal)open["balance"]!);
        Assert.Equal(-12.50m, (decimal)open["unrealizedPnl"]!);
        Assert.Equal(99_985.25m, (decimal)open["equity"]!);
        var position = (await client.GetAsync($"/api/v1/accounts/{account}/positions")).AsArray().Single()!;
        Assert.Equal(1m, (decimal)position["quantity"]!);
        Assert.Equal(5000.25m, (decimal)position["averageEntryPrice"]!);

        await client.QuoteAsync(5010.00m, 5010.25m);
        var sell = await client.PostOrderOkAsync(account, new { symbol = Symbol, side = "sell", type = "market", quantity = 1 });
        Assert.Equal(5010.00m, (decimal)sell["averageFillPrice"]!);

        // realized (5010.00 − 5000.25) × 50 = 487.50; two commissions 4.50
        var closed = await client.GetAsync($"/api/v1/accounts/{account}");
        Assert.Equal(100_483.00m, (decimal)closed["balance"]!);
        Assert.Equal(100_483.00m, (decimal)closed["equity"]!);
        Assert.Equal(487.50m, (decimal)closed["realizedPnl"]!);
        Assert.Equal(4.50m, (decimal)closed["commissionsPaid"]!);
        Assert.Empty((await client.GetAsync($"/api/v1/accounts/{account}/positions")).AsArray());
        Assert.Equal(2, (await client.GetAsync($"/api/v1/accounts/{account}/fills")).AsArray().Count);
    }

    [Fact]
    public async Task A_resting_limit_can_be_read_listed_replaced_and_canceled()
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);

        var order = await client.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "limit", quantity = 1, limitPrice = 4990.00m, timeInForce = "gtc" });
        var id = (string)order["id"]!;
        Assert.Equal("accepted", (string)order["status"]!);
        Assert.Equal(id, (string)(await client.GetAsync($"/api/v1/accounts/{account}/orders/{id}"))["id"]!);
        Assert.Contains((await client.GetAsync($"/api/v1/accounts/{account}/orders")).AsArray(), o => (string)o!["id"]! == id);

        var replaced = await client.Http.PatchAsJsonAsync($"/api/v1/accounts/{account}/orders/{id}", new { limitPrice = 4995.00m });
        var replacement = (await replaced.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(id, (string)replacement["replacesId"]!);
        Assert.Equal(4995.00m, (decimal)replacement["limitPrice"]!);
        Assert.Equal("replaced", (string)(await client.GetAsync($"/api/v1/accounts/{account}/orders/{id}"))["status"]!);

        var canceled = await client.Http.DeleteAsync($"/api/v1/accounts/{account}/orders/{(string)replacement["id"]!}");
        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal("canceled", (string)(await canceled.Content.ReadFromJsonAsync<JsonNode>())!["status"]!);
        Assert.Empty((await client.GetAsync($"/api/v1/accounts/{account}/orders?status=open")).AsArray());
        Assert.Equal(2, (await client.GetAsync($"/api/v1/accounts/{account}/orders?status=closed")).AsArray().Count);
    }

    [Fact]
    public async Task A_repeated_client_order_id_returns_the_original_order_and_never_fills_twice()
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);
        var order = new { symbol = Symbol, side = "buy", type = "market", quantity = 1, clientOrderId = "retry-me-1" };

        var first = await client.Http.PostAsJsonAsync($"/api/v1/accounts/{account}/orders", order);
        var second = await client.Http.PostAsJsonAsync($"/api/v1/accounts/{account}/orders", order);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((string)(await first.Content.ReadFromJsonAsync<JsonNode>())!["id"]!, (string)(await second.Content.ReadFromJsonAsync<JsonNode>())!["id"]!);
        Assert.Single((await client.GetAsync($"/api/v1/accounts/{account}/fills")).AsArray());
    }

    [Fact]
    public async Task Closing_a_position_sells_it_at_market()
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);
        await client.PostOrderOkAsync(account, new { symbol = Symbol, side = "sell", type = "market", quantity = 1 });

        var response = await client.Http.DeleteAsync($"/api/v1/accounts/{account}/positions/{Symbol}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var close = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("buy", (string)close["side"]!);
        Assert.Equal(1m, (decimal)close["filledQuantity"]!);
        Assert.Equal(5000.25m, (decimal)close["averageFillPrice"]!);
        Assert.Empty((await client.GetAsync($"/api/v1/accounts/{account}/positions")).AsArray());
        var again = await client.Http.DeleteAsync($"/api/v1/accounts/{account}/positions/{Symbol}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task An_order_beyond_buying_power_is_rejected_with_its_reason_and_changes_no_balance()
    {
        var account = await client.OpenAccountAsync(10_000m);   // 4 × 10,000 buys far less than one 250,000 contract
        await client.QuoteAsync(5000.00m, 5000.25m);
        var before = await client.GetAsync($"/api/v1/accounts/{account}");

        var response = await client.Http.PostAsJsonAsync($"/api/v1/accounts/{account}/orders", new { symbol = Symbol, side = "buy", type = "market", quantity = 1 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("insufficient_buying_power", (string)problem["code"]!);
        Assert.Equal("rejected", (string)problem["order"]!["status"]!);
        var after = await client.GetAsync($"/api/v1/accounts/{account}");
        Assert.Equal((decimal)before["balance"]!, (decimal)after["balance"]!);
        Assert.Equal((decimal)before["equity"]!, (decimal)after["equity"]!);
        Assert.Empty((await client.GetAsync($"/api/v1/accounts/{account}/fills")).AsArray());
    }

    [Fact]
    public async Task Account_terms_set_top_of_book_fills_and_slippage()
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        var opened = await client.Http.PostAsJsonAsync("/api/v1/accounts", new
        {
            accountId = id, initialBalance = 1_000_000m, limitFillsToTopOfBook = true, slippage = new { fixedBps = 10m, bpsPerLot = 0m },
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        await client.QuoteAsync(5000.00m, 5000.25m, bidSize: 10m, askSize: 2m);

        var ioc = await client.PostOrderOkAsync(id, new { symbol = Symbol, side = "buy", type = "market", quantity = 5, timeInForce = "ioc" });

        // only the 2 shown at the ask fill; 10 bps on 5000.25 is 5.00025, rounded up to the 0.25 grid: 5005.50
        Assert.Equal("canceled", (string)ioc["status"]!);
        Assert.Equal(2m, (decimal)ioc["filledQuantity"]!);
        Assert.Equal(5005.50m, (decimal)ioc["averageFillPrice"]!);
    }
}
