using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>
/// Every /v2 body, data body and stream frame against the shape Alpaca documents for it (Fixtures/, written from
/// Alpaca's public reference): each documented field present with the same JSON kind, nested objects and array items
/// too. A documented field we do not send must be in <see cref="KnownAbsent"/> (and in docs/alpaca.md).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaContractTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    /// <summary>Documented fields Crucible leaves out, by fixture: none today.</summary>
    private static readonly Dictionary<string, string[]> KnownAbsent = new()
    {
    };

    [Fact]
    public async Task Trading_bodies_have_every_documented_field_with_its_documented_kind()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        AssertShape("account.json", await bot.GetAsync("/v2/account"));
        var resting = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"2","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc"}""");
        AssertShape("order.json", resting);
        AssertShape("order.json", (await bot.GetAsync("/v2/orders")).AsArray()[0]!);
        AssertShape("order.json", await bot.GetAsync($"/v2/orders:by_client_order_id?client_order_id={resting["client_order_id"]}"));
        AssertShape("cancel-all-item.json", (await bot.OkAsync(HttpMethod.Delete, "/v2/orders", expected: HttpStatusCode.MultiStatus)).AsArray()[0]!);
        var filled = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"market","time_in_force":"day"}""");
        AssertShape("order.json", filled);
        AssertShape("position.json", (await bot.GetAsync("/v2/positions")).AsArray()[0]!);
        AssertShape("position.json", await bot.GetAsync($"/v2/positions/{Symbol}"));
        AssertShape("activity-fill.json", (await bot.GetAsync("/v2/account/activities/FILL")).AsArray()[0]!);
        AssertShape("portfolio-history.json", await bot.GetAsync("/v2/account/portfolio/history?period=1D&timeframe=15Min"));
        AssertShape("asset.json", (await bot.GetAsync("/v2/assets")).AsArray()[0]!);
        AssertShape("asset.json", await bot.GetAsync("/v2/assets/BTC%2FUSD"));
        AssertShape("clock.json", await bot.GetAsync("/v2/clock"));
        AssertShape("calendar-day.json", (await bot.GetAsync("/v2/calendar?start=2024-01-02&end=2024-01-02")).AsArray()[0]!);
        AssertShape("close-all-item.json", (await bot.OkAsync(HttpMethod.Delete, "/v2/positions", expected: HttpStatusCode.MultiStatus)).AsArray()[0]!);
        var (_, error) = await bot.SendAsync(HttpMethod.Get, "/v2/orders/nope");
        AssertShape("error.json", error!);
        Assert.Equal(["code", "message"], error!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Replace_close_watchlists_and_multi_symbol_data_have_every_documented_field_with_its_documented_kind()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var resting = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"2","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc"}""");
        var replacement = await bot.OkAsync(HttpMethod.Patch, $"/v2/orders/{resting["id"]}", """{"qty":"3","limit_price":"4850"}""");
        AssertShape("order.json", replacement);
        AssertShape("order.json", await bot.GetAsync($"/v2/orders/{replacement["id"]}"));
        var bracket = await bot.PostOrderAsync($$$"""
            {"symbol":"{{{Symbol}}}","qty":"1","side":"buy","type":"market","time_in_force":"gtc","order_class":"bracket",
             "take_profit":{"limit_price":"5100"},"stop_loss":{"stop_price":"4800"}}
            """);
        // A bracket as Alpaca's bracket example has it: its legs inside, each an order.
        AssertShape("order-bracket.json", bracket);
        Assert.All(bracket["legs"]!.AsArray(), leg => AssertShape("order.json", leg!));
        AssertShape("order-bracket.json", (await bot.GetAsync("/v2/orders?status=all&nested=true")).AsArray().First(o => (string)o!["id"]! == (string)bracket["id"]!)!);
        AssertShape("activity-fill.json", (await bot.GetAsync("/v2/account/activities?activity_types=FILL")).AsArray()[0]!);
        AssertShape("order.json", await bot.OkAsync(HttpMethod.Delete, $"/v2/positions/{Symbol}?percentage=100"));

        var list = await bot.OkAsync(HttpMethod.Post, "/v2/watchlists", $$"""{"name":"contract","symbols":["{{Symbol}}","BTC/USD"]}""");
        AssertShape("watchlist.json", list);
        AssertShape("watchlist.json", await bot.GetAsync("/v2/watchlists:by_name?name=contract"));
        AssertShape("watchlist.json", await bot.OkAsync(HttpMethod.Put, $"/v2/watchlists/{list["id"]}", """{"symbols":["ETH/USD"]}"""));
        var item = (await bot.GetAsync("/v2/watchlists")).AsArray()[0]!;
        AssertShape("watchlist-list-item.json", item);
        Assert.False(item.AsObject().ContainsKey("assets"), item.ToJsonString());

        AssertShape("stock-latest-quotes.json", RekeyTo(await bot.GetAsync($"/v2/stocks/quotes/latest?symbols={Symbol}"), "quotes", "AAPL"));
        AssertShape("stock-latest-trades.json", RekeyTo(await bot.GetAsync($"/v2/stocks/trades/latest?symbols={Symbol}"), "trades", "AAPL"));
        AssertShape("stock-bars-multi.json", RekeyTo(await bot.GetAsync($"/v2/stocks/bars?symbols={Symbol}&timeframe=1Min&limit=3"), "bars", "AAPL"));
    }

    [Fact]
    public async Task Market_data_bodies_have_every_documented_field_with_its_documented_kind()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m, bidSize: 2, askSize: 3);

        AssertShape("stock-latest-quote.json", await bot.GetAsync($"/v2/stocks/{Symbol}/quotes/latest"));
        AssertShape("stock-latest-trade.json", await bot.GetAsync($"/v2/stocks/{Symbol}/trades/latest"));
        AssertShape("stock-bars.json", await bot.GetAsync($"/v2/stocks/{Symbol}/bars?timeframe=1Min&limit=3"));
        // The crypto fixtures are keyed by BTC/USD: ours by the symbol asked for; the entry's shape is what is compared.
        AssertShape("crypto-latest-quotes.json", Rekey(await bot.GetAsync($"/v1beta3/crypto/us/latest/quotes?symbols={Symbol}"), "quotes"));
        AssertShape("crypto-latest-trades.json", Rekey(await bot.GetAsync($"/v1beta3/crypto/us/latest/trades?symbols={Symbol}"), "trades"));
        AssertShape("crypto-bars.json", Rekey(await bot.GetAsync($"/v1beta3/crypto/us/bars?symbols={Symbol}&timeframe=1Min&limit=3"), "bars"));
    }

    [Fact]
    public async Task Stream_frames_match_the_documented_frames()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(factory.ServerAddress) { Scheme = "ws", Path = "/stream" }.Uri, CancellationToken.None);

        await AlpacaStreamTests.SendAsync(socket, $$$"""{"action":"authenticate","data":{"key_id":"{{{bot.KeyId}}}","secret_key":"{{{bot.Secret}}}"}}""");
        var authorization = await AlpacaStreamTests.ReceiveAsync(socket);
        await AlpacaStreamTests.SendAsync(socket, """{"action":"listen","data":{"streams":["trade_updates"]}}""");
        var listening = await AlpacaStreamTests.ReceiveAsync(socket);
        await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"market","time_in_force":"day"}""");
        var fill = await AlpacaStreamTests.ReceiveAsync(socket);
        while ((string)fill["data"]!["event"]! != "fill") fill = await AlpacaStreamTests.ReceiveAsync(socket);

        Assert.True(JsonNode.DeepEquals(Fixture("authorization.json"), authorization), authorization.ToJsonString());
        Assert.True(JsonNode.DeepEquals(Fixture("listening.json"), listening), listening.ToJsonString());
        AssertShape("trade-update-fill.json", fill);
        AssertShape("order.json", fill["data"]!["order"]!);

        // The other events: the order, the time and an execution id, no execution figures.
        var resting = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc"}""");
        await bot.OkAsync(HttpMethod.Delete, $"/v2/orders/{resting["id"]}", expected: HttpStatusCode.NoContent);
        var events = new List<JsonNode>();
        while (events.Count == 0 || (string)events[^1]["data"]!["event"]! != "canceled") events.Add(await AlpacaStreamTests.ReceiveAsync(socket));
        foreach (var e in events)
        {
            AssertShape("trade-update-event.json", e);
            AssertShape("order.json", e["data"]!["order"]!);
        }
        Assert.Equal(["new", "canceled"], events.Select(e => (string)e["data"]!["event"]!));
    }

    [Fact]
    public async Task A_notional_order_has_every_documented_field_and_shows_its_amount_with_qty_null()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var order = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","notional":"760000","side":"buy","type":"market","time_in_force":"day"}""");

        foreach (var body in new[] { order, await bot.GetAsync($"/v2/orders/{order["id"]}"), (await bot.GetAsync("/v2/orders?status=all")).AsArray()[0]! })
        {
            AssertShape("order-notional.json", body);
            AssertDefiningValues("order-notional.json", body, "qty");
            Assert.Equal("760000", (string)body["notional"]!);
        }
    }

    private static JsonNode Rekey(JsonNode body, string key) => RekeyTo(body, key, "BTC/USD");

    private static JsonNode RekeyTo(JsonNode body, string key, string documentedSymbol)
    {
        var entries = body[key]!.AsObject();
        var first = Assert.Single(entries);
        var copy = body.DeepClone().AsObject();
        copy[key] = new JsonObject { [documentedSymbol] = first.Value!.DeepClone() };
        return copy;
    }

    private static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDirectory(), name)))!;

    private static string FixtureDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Api.Tests", "Alpaca", "Fixtures");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/Api.Tests/Alpaca/Fixtures");
    }

    /// <summary>
    /// The fields whose documented value is what the fixture documents (a notional order's <c>qty</c> is null, an opg
    /// order's <c>time_in_force</c> is "opg"): compared by value, where the shape alone would let anything through.
    /// </summary>
    internal static void AssertDefiningValues(string fixture, JsonNode ours, params string[] fields)
    {
        var documented = Fixture(fixture);
        foreach (var field in fields)
            Assert.True(JsonNode.DeepEquals(documented[field], ours[field]), $"{fixture} {field}: documented {documented[field]?.ToJsonString() ?? "null"}, ours {ours[field]?.ToJsonString() ?? "null"}");
    }

    internal static void AssertShape(string fixture, JsonNode ours)
    {
        var problems = new List<string>();
        Compare(Fixture(fixture), ours, "$", KnownAbsent.GetValueOrDefault(fixture, []), problems);
        Assert.True(problems.Count == 0, $"{fixture}:\n{string.Join("\n", problems)}\nours: {ours.ToJsonString()}");
    }

    /// <summary>Documented kinds: a null documents a nullable string; an empty object or array leaves its content to another fixture.</summary>
    private static void Compare(JsonNode? documented, JsonNode? ours, string path, string[] absent, List<string> problems)
    {
        var expected = documented?.GetValueKind() ?? JsonValueKind.Null;
        var actual = ours?.GetValueKind() ?? JsonValueKind.Null;
        if (expected == JsonValueKind.Null)
        {
            if (actual is not (JsonValueKind.Null or JsonValueKind.String)) problems.Add($"{path}: documented null (a nullable string), ours is {actual}");
            return;
        }
        if (expected is JsonValueKind.True or JsonValueKind.False)
        {
            if (actual is not (JsonValueKind.True or JsonValueKind.False)) problems.Add($"{path}: documented a boolean, ours is {actual}");
            return;
        }
        if (expected != actual)
        {
            problems.Add($"{path}: documented {expected}, ours is {actual}");
            return;
        }
        if (documented is JsonObject obj)
            foreach (var (name, value) in obj)
            {
                if (!ours!.AsObject().ContainsKey(name))
                {
                    if (!absent.Contains(name)) problems.Add($"{path}.{name}: documented, missing");
                    continue;
                }
                Compare(value, ours[name], $"{path}.{name}", absent, problems);
            }
        else if (documented is JsonArray array && array.Count > 0)
            foreach (var (item, index) in ours!.AsArray().Select((n, i) => (n, i)))
                Compare(array[0], item, $"{path}[{index}]", absent, problems);
    }
}
