using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests;

/// <summary>Every bad order is a 4xx ProblemDetails naming the field, and leaves the account exactly as it was.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrderValidationTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;
    private readonly TradingTestClient client = new(factory);

    [Theory]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":0}""", "quantity")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":-3}""", "quantity")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":"NaN"}""", "quantity")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":"ten"}""", "quantity")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":true}""", "quantity")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":1.5}""", "quantity")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market"}""", "quantity")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"limit","quantity":1,"limitPrice":4990.10}""", "limitPrice")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"limit","quantity":1,"limitPrice":0}""", "limitPrice")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"limit","quantity":1,"limitPrice":-4990}""", "limitPrice")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"limit","quantity":1}""", "limitPrice")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":1,"stopPrice":4990}""", "stopPrice")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":1,"limitPrice":4990}""", "limitPrice")]
    [InlineData("""{"symbol":"NOPE","side":"buy","type":"market","quantity":1}""", "symbol")]
    [InlineData("""{"symbol":"TEST-EXT","side":"hold","type":"market","quantity":1}""", "side")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"iceberg","quantity":1}""", "type")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":1,"timeInForce":"forever"}""", "timeInForce")]
    [InlineData("""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":1,"qty":1}""", "qty")]
    [InlineData("{\"symbol\":\"TEST-EXT\",\"side\":\"buy\",\"type\":\"market\",\"quantity\":1,", "body")]
    [InlineData("""[1,2,3]""", "body")]
    [InlineData("", "body")]
    public async Task A_bad_order_is_a_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);
        await client.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "limit", quantity = 1, limitPrice = 4900.00m, timeInForce = "gtc" });
        var before = await client.StateAsync(account);

        var response = await client.PostOrderAsync(account, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, await client.StateAsync(account));
    }

    [Fact]
    public async Task A_body_over_64_KB_is_a_413_naming_the_body_and_changes_nothing()
    {
        var account = await client.OpenAccountAsync();
        var before = await client.StateAsync(account);
        var json = $$"""{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":1,"clientOrderId":"{{new string('x', 70_000)}}"}""";

        var response = await client.PostOrderAsync(account, json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("body", (string)problem["field"]!);
        Assert.Equal(before, await client.StateAsync(account));
    }

    [Fact]
    public async Task Unknown_orders_and_accounts_are_404_problems()
    {
        var account = await client.OpenAccountAsync();

        var get = await client.Http.GetAsync($"/api/v1/accounts/{account}/orders/O-999");
        var cancel = await client.Http.DeleteAsync($"/api/v1/accounts/{account}/orders/O-999");
        var noAccount = await client.Http.GetAsync("/api/v1/accounts/no-such-account");
        var noAccountOrder = await client.PostOrderAsync("no-such-account", """{"symbol":"TEST-EXT","side":"buy","type":"market","quantity":1}""");

        foreach (var response in new[] { get, cancel, noAccount, noAccountOrder })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal("unknown_order", (string)(await cancel.Content.ReadFromJsonAsync<JsonNode>())!["code"]!);
        Assert.Equal("unknown_account", (string)(await noAccount.Content.ReadFromJsonAsync<JsonNode>())!["code"]!);
    }

    [Fact]
    public async Task Canceling_a_filled_order_is_refused_and_changes_nothing()
    {
        var account = await client.OpenAccountAsync();
        await client.QuoteAsync(5000.00m, 5000.25m);
        var filled = await client.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 1 });
        var before = await client.StateAsync(account);

        var response = await client.Http.DeleteAsync($"/api/v1/accounts/{account}/orders/{(string)filled["id"]!}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("order_not_cancelable", (string)(await response.Content.ReadFromJsonAsync<JsonNode>())!["code"]!);
        Assert.Equal(before, await client.StateAsync(account));
    }

    [Theory]
    [InlineData("""{"initialBalance":0}""", "initialBalance")]
    [InlineData("""{"initialBalance":"lots"}""", "initialBalance")]
    [InlineData("""{"initialBalance":1000.001}""", "initialBalance")]
    [InlineData("""{"accountId":"has space","initialBalance":1000}""", "accountId")]
    [InlineData("""{"accountId":"asm-someone-a1-p1","initialBalance":1000}""", "accountId")]
    [InlineData("""{"initialBalance":1000,"maxLeverage":0}""", "maxLeverage")]
    [InlineData("""{}""", "initialBalance")]
    [InlineData("""{"initialBalance":1000,"limitFillsToTopOfBook":"yes"}""", "limitFillsToTopOfBook")]
    [InlineData("""{"initialBalance":1000,"slippage":{"fixedBps":-1}}""", "slippage.fixedBps")]
    [InlineData("""{"initialBalance":1000,"slippage":{"fixed":1}}""", "slippage.fixed")]
    public async Task A_bad_account_request_is_a_400_naming_the_field(string json, string field)
    {
        var response = await client.Http.PostAsync("/api/v1/accounts", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
    }
}
