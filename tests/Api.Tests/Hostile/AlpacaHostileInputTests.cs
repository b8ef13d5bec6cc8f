using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.Api.Alpaca;

namespace Crucible.Api.Tests.Hostile;

/// <summary>
/// The hostile inputs of <see cref="HostileInputTests"/> against the Alpaca write routes (<c>/v2</c>): each is answered
/// with Alpaca's error, <c>{ code, message }</c> and nothing else, a 4xx whose message names the field Alpaca's way, and
/// changes nothing. Alpaca's clients send <c>null</c> for the optional fields they leave unset, so on <c>/v2</c> a null
/// optional field is no field (accepted, as at Alpaca); a null required field is refused.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaHostileInputTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;
    private const string WatchlistName = "hostile list";
    private readonly TradingTestClient trading = new(factory);

    private static readonly WriteEndpoint[] Endpoints =
    [
        new("v2 place order", "POST", _ => "/v2/orders",
            _ => [("symbol", $"\"{Symbol}\""), ("qty", "\"1\""), ("side", "\"buy\""), ("type", "\"limit\""), ("limit_price", "\"4800\""),
                ("time_in_force", "\"gtc\""), ("client_order_id", $"\"{Guid.NewGuid():N}\"")],
            DuplicateField: "symbol", NestedObject: "take_profit", NestedField: "limit_price", TextField: "symbol", NumberField: "qty", NumberIsDecimal: true),
        new("v2 place notional order", "POST", _ => "/v2/orders",
            _ => [("symbol", $"\"{Symbol}\""), ("notional", "\"10000\""), ("side", "\"buy\""), ("type", "\"market\""), ("time_in_force", "\"day\"")],
            DuplicateField: "notional", NestedObject: "stop_loss", NestedField: "stop_price", TextField: "side", NumberField: "notional", NumberIsDecimal: true),
        new("v2 replace order", "PATCH", s => $"/v2/orders/{s.WorkingOrderId}",
            _ => [("qty", "\"2\""), ("limit_price", "\"4850\""), ("time_in_force", "\"gtc\"")],
            DuplicateField: "qty", NestedObject: "limit_price", NestedField: "value", TextField: "time_in_force", NumberField: "limit_price", NumberIsDecimal: true),
        new("v2 cancel order", "DELETE", s => $"/v2/orders/{s.WorkingOrderId}", null),
        new("v2 cancel all orders", "DELETE", _ => "/v2/orders", null),
        new("v2 close position", "DELETE", _ => $"/v2/positions/{Symbol}", null),
        new("v2 close all positions", "DELETE", _ => "/v2/positions?cancel_orders=true", null),
        new("v2 create watchlist", "POST", _ => "/v2/watchlists",
            _ => [("name", $"\"new {Guid.NewGuid():N}\""), ("symbols", $"[\"{Symbol}\"]")],
            DuplicateField: "name", NestedObject: "name", NestedField: "text", TextField: "name", NumberField: "name"),
        new("v2 update watchlist", "PUT", _ => $"/v2/watchlists:by_name?name={Uri.EscapeDataString(WatchlistName)}",
            _ => [("name", "\"renamed\""), ("symbols", "[\"BTC/USD\"]")],
            DuplicateField: "symbols", NestedObject: "name", NestedField: "text", TextField: "name", NumberField: "name"),
        new("v2 add to watchlist", "POST", _ => $"/v2/watchlists:by_name?name={Uri.EscapeDataString(WatchlistName)}",
            _ => [("symbol", "\"BTC/USD\"")],
            DuplicateField: "symbol", NestedObject: "symbol", NestedField: "text", TextField: "symbol", NumberField: "symbol"),
        new("v2 delete watchlist", "DELETE", _ => $"/v2/watchlists:by_name?name={Uri.EscapeDataString(WatchlistName)}", null),
        new("v2 remove from watchlist", "DELETE", _ => "/v2/watchlists/{list}/" + Symbol, null),
    ];

    /// <summary>Required fields, refused as null; the others are optional (null is absent).</summary>
    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["v2 place order"] = ["symbol", "qty", "side", "type", "time_in_force"],
        ["v2 place notional order"] = ["symbol", "side", "type", "time_in_force"],
        ["v2 create watchlist"] = ["name"],
        ["v2 add to watchlist"] = ["symbol"],
    };

    private static readonly string[] ParserCases = ["duplicate key", "duplicate nested key", "invalid UTF-8 in a string", "lone surrogate escape"];

    /// <summary>Alpaca-specific refusals of an order: wrong types, out-of-range values, unknown enum values and fields.</summary>
    private static readonly (string Name, string Field, string Json)[] OrderCases =
    [
        ("negative qty", "qty", "\"-1\""), ("zero qty", "qty", "0"), ("qty as a boolean", "qty", "true"), ("qty as an object", "qty", "{}"),
        ("fractional qty off the lot", "qty", "\"0.5\""), ("qty in exponent form", "qty", "\"1e3\""),
        ("unknown side", "side", "\"sideways\""), ("unknown type", "type", "\"moonshot\""), ("unknown time_in_force", "time_in_force", "\"forever\""),
        ("unknown order_class", "order_class", "\"ladder\""), ("side as a number", "side", "1"), ("symbol as an array", "symbol", "[\"X\"]"),
        ("unknown symbol", "symbol", "\"NO-SUCH\""), ("negative limit_price", "limit_price", "\"-4800\""), ("huge limit_price", "limit_price", "\"1e30\""),
        ("client_order_id over 48", "client_order_id", $"\"{new string('c', 65)}\""), ("unknown field", "colour", "\"red\""),
        ("extended_hours as text", "extended_hours", "\"yes\""), ("notional beside qty", "notional", "\"100\""),
        ("take_profit as a string", "take_profit", "\"5100\""),
        // TEST-EXT has no trading hours: no open for opg, no close for cls.
        ("opg without a session", "time_in_force", "\"opg\""), ("cls without a session", "time_in_force", "\"cls\""),
        ("opg in capitals", "time_in_force", "\"OPG\""),
    ];

    /// <summary>Refusals of a notional order (an amount of money for qty): its amount, and the orders Alpaca takes one on.</summary>
    private static readonly (string Name, string Field, string Json)[] NotionalCases =
    [
        ("zero notional", "notional", "\"0\""), ("notional as a boolean", "notional", "true"), ("notional in exponent form", "notional", "\"1e4\""),
        ("notional beyond any account", "notional", "\"1000000000001\""), ("notional on a cls order", "time_in_force", "\"cls\""),
        ("notional on an opg order", "time_in_force", "\"opg\""),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in Endpoints)
            foreach (var name in CaseNames(endpoint))
                data.Add(endpoint.Name, name);
        return data;
    }

    private static IEnumerable<string> CaseNames(WriteEndpoint endpoint) =>
        HostileCase.Common.Where(c => c.Applies(endpoint)).Select(c => c.Name)
            .Concat(Required.GetValueOrDefault(endpoint.Name, []).Select(f => $"null {f}"))
            .Concat(endpoint.Name switch
            {
                "v2 place order" => OrderCases.Select(c => c.Name),
                "v2 place notional order" => NotionalCases.Select(c => c.Name),
                _ => [],
            });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_v2_request_is_an_Alpaca_4xx_naming_the_field_and_changes_nothing(string endpointName, string caseName)
    {
        var endpoint = Endpoints.Single(e => e.Name == endpointName);
        var scene = await SceneAsync();
        var (request, status, field) = Build(endpoint, caseName, scene);
        var before = await StateAsync(scene);

        var content = new ByteArrayContent(request.Body);
        content.Headers.ContentType = null;
        if (request.ContentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        var path = endpoint.Path(scene).Replace("{list}", await WatchlistIdAsync());
        using var message = new HttpRequestMessage(new HttpMethod(endpoint.Method), path) { Content = content };
        message.Headers.Add(AlpacaAccounts.AccountHeader, scene.AccountId);
        using var response = await trading.Http.SendAsync(message);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["code", "message"], error.Select(p => p.Key));
        Assert.Equal(AlpacaErrors.CodeFor((int)status), (int)error["code"]!);
        Assert.Contains(field, (string)error["message"]!);
        Assert.Equal(before, await StateAsync(scene));
        // The account still trades over /v2.
        await trading.QuoteAsync(5000.00m, 5000.25m);
        using var sell = new HttpRequestMessage(HttpMethod.Post, "/v2/orders")
        {
            Content = JsonContent.Create(new { symbol = Symbol, qty = "1", side = "sell", type = "market", time_in_force = "day" }),
        };
        sell.Headers.Add(AlpacaAccounts.AccountHeader, scene.AccountId);
        using var sold = await trading.Http.SendAsync(sell);
        Assert.Equal("filled", (string)JsonNode.Parse(await sold.Content.ReadAsStringAsync())!["status"]!);
    }

    /// <summary>The request, and the status and the field its refusal must carry.</summary>
    private static (HostileRequest Request, HttpStatusCode Status, string Field) Build(WriteEndpoint endpoint, string caseName, Scene scene)
    {
        if (OrderCases.Concat(NotionalCases).FirstOrDefault(c => c.Name == caseName) is { Name: not null } order)
        {
            var fields = endpoint.Fields!(scene).Where(f => f.Name != order.Field).Append((Name: order.Field, Json: order.Json));
            var json = "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Json}")) + "}";
            return (new HostileRequest(System.Text.Encoding.UTF8.GetBytes(json), "application/json"), HttpStatusCode.UnprocessableEntity, order.Field);
        }
        var hostile = HostileCase.For(endpoint).Single(c => c.Name == caseName);
        if (!endpoint.TakesBody) return (hostile.Build(endpoint, scene), HttpStatusCode.BadRequest, "body");
        var field = hostile.Field(endpoint);
        // What the JSON reader refuses (a body that is no JSON object, a repeated key, text that is not Unicode) is Alpaca's
        // 400; a media type 415 and a body too large 413, as on /api/v1; a value the request readers refuse (a null, a
        // number a decimal cannot hold, a wrong type) is Alpaca's 422, "invalid". Each names the field.
        var status = hostile.Status != HttpStatusCode.BadRequest || field == "body" || ParserCases.Contains(caseName)
            ? hostile.Status
            : HttpStatusCode.UnprocessableEntity;
        return (hostile.Build(endpoint, scene), status, field);
    }

    /// <summary>A paper account holding one contract with a working limit order; a watchlist of the trader's.</summary>
    private async Task<Scene> SceneAsync()
    {
        var account = await trading.OpenAccountAsync();
        await trading.QuoteAsync(5000.00m, 5000.25m);
        var working = await trading.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "limit", quantity = 1, limitPrice = 4900.00m, timeInForce = "gtc" });
        await trading.PostOrderOkAsync(account, new { symbol = Symbol, side = "buy", type = "market", quantity = 1 });
        var list = await trading.Http.PostAsJsonAsync("/api/v1/watchlists", new { name = WatchlistName, symbols = new[] { Symbol } });
        Assert.Equal(HttpStatusCode.Created, list.StatusCode);
        return new Scene(account, (string)working["id"]!, null, "", "", trading.User.UserId);
    }

    private async Task<string> WatchlistIdAsync() =>
        (string)(await trading.GetAsync("/api/v1/watchlists")).AsArray().Single(l => (string)l!["name"]! == WatchlistName)!["id"]!;

    /// <summary>The account (orders, fills, positions, balances) and the trader's watchlists.</summary>
    private async Task<string> StateAsync(Scene scene) => new JsonObject
    {
        ["account"] = JsonNode.Parse(await trading.StateAsync(scene.AccountId)),
        ["watchlists"] = await trading.GetAsync("/api/v1/watchlists"),
    }.ToJsonString();
}
