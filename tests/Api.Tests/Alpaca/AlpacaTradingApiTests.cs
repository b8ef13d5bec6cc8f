using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>The /v2 trading surface as an Alpaca bot uses it, against the real host, with hand-computed numbers.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaTradingApiTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    [Fact]
    public async Task The_account_reads_in_Alpaca_fields_with_numbers_as_strings()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory, 100_000m);

        var account = (await bot.GetAsync("/v2/account")).AsObject();
        var ours = await bot.Trader.GetAsync($"/api/v1/accounts/{bot.AccountId}");

        Assert.Equal(bot.AccountId, (string)account["id"]!);
        Assert.Equal("ACTIVE", (string)account["status"]!);
        Assert.Equal("USD", (string)account["currency"]!);
        Assert.Equal("100000", (string)account["cash"]!);
        Assert.Equal("100000", (string)account["equity"]!);
        Assert.Equal("100000", (string)account["portfolio_value"]!);
        Assert.Equal(JsonAmount(ours["buyingPower"]!), (string)account["buying_power"]!);
        Assert.Equal(JsonAmount(ours["maxLeverage"]!), (string)account["multiplier"]!);
        Assert.False((bool)account["trading_blocked"]!);
        foreach (var field in new[] { "cash", "equity", "buying_power", "regt_buying_power", "daytrading_buying_power", "long_market_value",
                     "short_market_value", "initial_margin", "maintenance_margin", "last_equity", "multiplier" })
            Assert.Equal(JsonValueKind.String, account[field]!.GetValueKind());
        Assert.True(DateTimeOffset.TryParse((string)account["created_at"]!, out _));
    }

    [Fact]
    public async Task A_market_order_fills_at_the_ask_and_is_the_same_order_over_v2_and_api_v1()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var order = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"2","side":"buy","type":"market","time_in_force":"day","client_order_id":"v2-{{Guid.NewGuid():N}}"}""");
        var id = (string)order["id"]!;
        var same = await bot.Trader.GetAsync($"/api/v1/accounts/{bot.AccountId}/orders/{id}");

        Assert.Equal("filled", (string)order["status"]!);
        Assert.Equal("2", (string)order["qty"]!);
        Assert.Equal("2", (string)order["filled_qty"]!);
        Assert.Equal("5000.25", (string)order["filled_avg_price"]!);
        Assert.Equal("market", (string)order["type"]!);
        Assert.Equal("market", (string)order["order_type"]!);
        Assert.Equal("buy", (string)order["side"]!);
        Assert.Equal("day", (string)order["time_in_force"]!);
        Assert.Equal((string)order["client_order_id"]!, (string)same["clientOrderId"]!);
        Assert.Equal("filled", (string)same["status"]!);
        Assert.Equal(2m, (decimal)same["quantity"]!);
        Assert.Equal(5000.25m, (decimal)same["averageFillPrice"]!);

        // And an order placed over /api/v1 is listed over /v2 as the same order.
        var placed = await bot.Trader.PostOrderOkAsync(bot.AccountId, new { symbol = Symbol, side = "buy", type = "limit", quantity = 1, limitPrice = 4900.00m, timeInForce = "gtc" });
        var listed = (await bot.GetAsync("/v2/orders")).AsArray();
        var mirrored = Assert.Single(listed, o => (string)o!["id"]! == (string)placed["id"]!)!;
        Assert.Equal("4900", (string)mirrored["limit_price"]!);
        Assert.Equal("limit", (string)mirrored["type"]!);
        Assert.Equal("gtc", (string)mirrored["time_in_force"]!);
        Assert.Equal("1", (string)mirrored["qty"]!);
        Assert.Equal("0", (string)mirrored["filled_qty"]!);

        // Two lots long at 5000.25, marked at the 5000.00 bid, 50 per point: 2 × −0.25 × 50 = −25; commission 2 × 2.25.
        var position = Assert.Single((await bot.GetAsync("/v2/positions")).AsArray())!;
        Assert.Equal(Symbol, (string)position["symbol"]!);
        Assert.Equal("2", (string)position["qty"]!);
        Assert.Equal("long", (string)position["side"]!);
        Assert.Equal("5000.25", (string)position["avg_entry_price"]!);
        Assert.Equal("500000", (string)position["market_value"]!);
        Assert.Equal("500025", (string)position["cost_basis"]!);
        Assert.Equal("-25", (string)position["unrealized_pl"]!);
        Assert.Equal("5000", (string)position["current_price"]!);
        Assert.Equal("999970.5", (string)(await bot.GetAsync("/v2/account"))["equity"]!);
        Assert.Equal("2", (string)(await bot.GetAsync($"/v2/positions/{Symbol}"))["qty"]!);
    }

    [Fact]
    public async Task Refusals_are_Alpaca_errors_with_a_code_and_a_message()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
        using var anonymous = new HttpClient { BaseAddress = factory.ServerAddress };
        using var wrongSecret = AlpacaTestClient.KeyClient(factory, bot.KeyId, "not-the-secret");

        await AssertError(await anonymous.GetAsync("/v2/account"), HttpStatusCode.Unauthorized, 40110000, "request is not authorized");
        await AssertError(await wrongSecret.GetAsync("/v2/account"), HttpStatusCode.Unauthorized, 40110000, "request is not authorized");
        var (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", $$"""{"symbol":"{{Symbol}}","qty":"-1","side":"buy","type":"market","time_in_force":"day"}""");
        AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, "qty");
        (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", $$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"market","time_in_force":"day","colour":"red"}""");
        AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, "colour");
        (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", $$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"limit","time_in_force":"day"}""");
        AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, "limit_price");
        (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", """{"symbol":""");
        AssertError(status, body, HttpStatusCode.BadRequest, 40010000, "");
        (status, body) = await bot.SendAsync(HttpMethod.Get, "/v2/orders/no-such-order");
        AssertError(status, body, HttpStatusCode.NotFound, 40410000, "order not found");
        (status, body) = await bot.SendAsync(HttpMethod.Get, "/v2/orders?limit=501");
        AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, "limit");
        (status, body) = await bot.SendAsync(HttpMethod.Get, "/v2/positions/ETH-USD");
        AssertError(status, body, HttpStatusCode.NotFound, 40410000, "position does not exist");

        (status, body) = await bot.SendAsync(HttpMethod.Get, "/v2/no-such-route");
        AssertError(status, body, HttpStatusCode.NotFound, 40410000, "");

        // None of it placed anything.
        Assert.Empty((await bot.GetAsync("/v2/orders?status=all")).AsArray());
    }

    [Fact]
    public async Task A_bracket_returns_its_legs_nested_and_cancels_one_by_one_or_all_at_once()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var bracket = await bot.PostOrderAsync($$$"""
            {"symbol":"{{{Symbol}}}","qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc","order_class":"bracket",
             "take_profit":{"limit_price":"5100"},"stop_loss":{"stop_price":"4800"}}
            """);
        var legs = bracket["legs"]!.AsArray();
        var nested = (await bot.GetAsync("/v2/orders?nested=true")).AsArray();
        var flat = (await bot.GetAsync("/v2/orders?status=all")).AsArray();

        Assert.Equal("bracket", (string)bracket["order_class"]!);
        Assert.Equal(2, legs.Count);
        Assert.Contains(legs, l => (string)l!["type"]! == "limit" && (string)l["limit_price"]! == "5100" && (string)l["side"]! == "sell");
        Assert.Contains(legs, l => (string)l!["type"]! == "stop" && (string)l["stop_price"]! == "4800" && (string)l["side"]! == "sell");
        Assert.Equal((string)bracket["id"]!, (string)Assert.Single(nested)!["id"]!);
        Assert.Equal(2, nested[0]!["legs"]!.AsArray().Count);
        Assert.Equal(3, flat.Count);

        var (status, _) = await bot.SendAsync(HttpMethod.Delete, $"/v2/orders/{bracket["id"]}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("canceled", (string)(await bot.GetAsync($"/v2/orders/{bracket["id"]}"))["status"]!);

        await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc"}""");
        await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"sell","type":"limit","limit_price":"5100","time_in_force":"gtc"}""");
        var canceled = (await bot.OkAsync(HttpMethod.Delete, "/v2/orders", expected: HttpStatusCode.MultiStatus)).AsArray();
        Assert.Equal(2, canceled.Count);
        Assert.All(canceled, c => Assert.Equal(200, (int)c!["status"]!));
        Assert.All(canceled, c => Assert.Equal("canceled", (string)c!["body"]!["status"]!));
        Assert.Empty((await bot.GetAsync("/v2/orders")).AsArray());
    }

    [Fact]
    public async Task Replacing_an_order_returns_the_new_order_that_replaces_the_old_one()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
        var order = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc"}""");

        var replacement = await bot.OkAsync(HttpMethod.Patch, $"/v2/orders/{order["id"]}", """{"qty":"3","limit_price":"4899.75"}""");
        var old = await bot.GetAsync($"/v2/orders/{order["id"]}");

        Assert.NotEqual((string)order["id"]!, (string)replacement["id"]!);
        Assert.Equal((string)order["id"]!, (string)replacement["replaces"]!);
        Assert.Equal("3", (string)replacement["qty"]!);
        Assert.Equal("4899.75", (string)replacement["limit_price"]!);
        Assert.Equal("replaced", (string)old["status"]!);
        Assert.Equal((string)replacement["id"]!, (string)old["replaced_by"]!);
    }

    [Fact]
    public async Task Positions_close_by_percentage_refuse_more_than_held_and_close_all_in_a_207()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
        await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"4","side":"buy","type":"market","time_in_force":"day"}""");

        var half = await bot.OkAsync(HttpMethod.Delete, $"/v2/positions/{Symbol}?percentage=50");
        var (status, body) = await bot.SendAsync(HttpMethod.Delete, $"/v2/positions/{Symbol}?qty=5");
        await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc"}""");
        var all = (await bot.OkAsync(HttpMethod.Delete, "/v2/positions?cancel_orders=true", expected: HttpStatusCode.MultiStatus)).AsArray();

        Assert.Equal("sell", (string)half["side"]!);
        Assert.Equal("2", (string)half["qty"]!);
        Assert.Equal("filled", (string)half["status"]!);
        AssertError(status, body, HttpStatusCode.Forbidden, 40310000, "insufficient qty");
        var closed = Assert.Single(all)!;
        Assert.Equal(Symbol, (string)closed["symbol"]!);
        Assert.Equal(200, (int)closed["status"]!);
        Assert.Equal("2", (string)closed["body"]!["qty"]!);
        Assert.Empty((await bot.GetAsync("/v2/positions")).AsArray());
        Assert.Empty((await bot.GetAsync("/v2/orders")).AsArray());
    }

    [Fact]
    public async Task Crypto_symbols_are_accepted_as_BTC_slash_USD_BTCUSD_or_ours_and_answered_with_a_slash()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);

        var bySlash = await bot.GetAsync("/v2/assets/BTC%2FUSD");
        var bare = await bot.GetAsync("/v2/assets/BTCUSD");
        var ours = await bot.GetAsync("/v2/assets/BTC-USD");
        var crypto = (await bot.GetAsync("/v2/assets?asset_class=crypto")).AsArray();

        Assert.All(new[] { bySlash, bare, ours }, a => Assert.Equal("BTC/USD", (string)a["symbol"]!));
        Assert.All(new[] { bySlash, bare, ours }, a => Assert.Equal("crypto", (string)a["class"]!));
        Assert.Equal((string)bySlash["id"]!, (string)ours["id"]!);
        Assert.True(Guid.TryParse((string)bySlash["id"]!, out _));
        Assert.Contains(crypto, a => (string)a!["symbol"]! == "BTC/USD");
        Assert.All(crypto, a => Assert.Equal("crypto", (string)a!["class"]!));
        var (status, body) = await bot.SendAsync(HttpMethod.Get, "/v2/assets/NOPE");
        AssertError(status, body, HttpStatusCode.NotFound, 40410000, "asset not found");
    }

    [Fact]
    public async Task A_key_bound_to_an_assessment_trades_its_phase_account_and_a_plan_refusal_is_an_Alpaca_error()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        var assessment = await new AssessmentTestClient(factory, bot.Trader.User).BuyAsync("futures-combine-50k");
        var phaseAccount = (string)assessment["currentAccountId"]!;
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        // Two accounts now: an unbound key must be told to choose.
        var (status, body) = await bot.SendAsync(HttpMethod.Get, "/v2/account");
        AssertError(status, body, HttpStatusCode.Forbidden, 40310000, "bind this API key");

        var bound = await bot.Trader.Http.PutAsJsonAsync($"/api/v1/auth/keys/{bot.KeyId}/account", new { assessmentId = (string)assessment["id"]! });
        var binding = (await bound.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(bound.IsSuccessStatusCode, binding.ToJsonString());
        Assert.Equal(phaseAccount, (string)binding["tradesAccountId"]!);
        Assert.Equal(phaseAccount, (string)(await bot.GetAsync("/v2/account"))["id"]!);

        // The plan allows 5 contracts: 6 is refused, in Alpaca's shape, naming our rule.
        (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", $$"""{"symbol":"{{Symbol}}","qty":"6","side":"buy","type":"market","time_in_force":"day"}""");
        AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, "(contract_limit_exceeded)");
        // One contract (250,000 of exposure) is within the plan but beyond a 50,000 account's buying power: Alpaca's 403.
        (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", $$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"market","time_in_force":"day"}""");
        AssertError(status, body, HttpStatusCode.Forbidden, 40310000, "insufficient buying power");

        // The header picks the paper account for this one request; a stranger's account is not found.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/account");
        request.Headers.Add("Crucible-Account-Id", bot.AccountId);
        Assert.Equal(bot.AccountId, (string)(await (await bot.Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonNode>())!["id"]!);
        var stranger = await AlpacaTestClient.CreateAsync(factory);
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/v2/account");
        probe.Headers.Add("Crucible-Account-Id", bot.AccountId);
        var probed = await stranger.Http.SendAsync(probe);
        AssertError(probed.StatusCode, await probed.Content.ReadFromJsonAsync<JsonNode>(), HttpStatusCode.NotFound, 40410000, "no account");
        var foreignBind = await stranger.Trader.Http.PutAsJsonAsync($"/api/v1/auth/keys/{stranger.KeyId}/account", new { accountId = bot.AccountId });
        Assert.Equal(HttpStatusCode.NotFound, foreignBind.StatusCode);
    }

    [Fact]
    public async Task Clock_and_calendar_answer_in_Alpacas_shape()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);

        var clock = await bot.GetAsync("/v2/clock");
        var calendar = (await bot.GetAsync("/v2/calendar?start=2024-01-01&end=2024-01-07")).AsArray();

        Assert.True(DateTimeOffset.TryParse((string)clock["timestamp"]!, out _));
        Assert.Contains(clock["is_open"]!.GetValueKind(), new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.True(DateTimeOffset.Parse((string)clock["next_open"]!) > DateTimeOffset.Parse((string)clock["timestamp"]!));
        // 1–7 January 2024: Monday to Friday are sessions (holidays are not modelled).
        Assert.Equal(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"], calendar.Select(d => (string)d!["date"]!));
        Assert.Equal("09:30", (string)calendar[0]!["open"]!);
        Assert.Equal("16:00", (string)calendar[0]!["close"]!);
    }

    private static string JsonAmount(JsonNode node) => ((decimal)node / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, int code, string message) =>
        AssertError(response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()), status, code, message);

    internal static void AssertError(HttpStatusCode actual, JsonNode? body, HttpStatusCode status, int code, string message)
    {
        Assert.True(actual == status, $"{(int)actual} {body?.ToJsonString()}");
        var error = body!.AsObject();
        Assert.Equal(["code", "message"], error.Select(p => p.Key));
        Assert.Equal(code, (int)error["code"]!);
        Assert.Contains(message, (string)error["message"]!);
    }
}
