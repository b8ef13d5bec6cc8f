using System.Net;
using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>
/// What happens at a session's open and close, over the real host with its engine clock moved: opg and cls orders on
/// <c>/v2</c> and <c>/api/v1</c>, and <c>done_for_day</c> on the <c>/stream</c> socket. Each test takes the next Monday after
/// the engine's time, so the tests run in any order and the equity's quotes only go forward.
/// </summary>
[Collection(SessionClockCollection.Name)]
public sealed class SessionOrderTests(SessionClockApiFactory factory)
{
    private const string Equity = SessionClockApiFactory.Equity;
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private readonly Dictionary<long, Quote> quotes = [];

    [Fact]
    public async Task Opg_and_cls_over_v2_and_api_v1_execute_at_the_open_and_at_the_close_at_quotes_the_market_showed()
    {
        var (open, close) = NextMondaySession();
        var bot = await AlpacaTestClient.CreateAsync(factory);
        var preOpen = open.AddMinutes(-90);
        factory.Clock.MoveTo(preOpen);
        await QuoteAsync(preOpen, 99.00m, 99.10m);

        var opg = await bot.PostOrderAsync($$"""{"symbol":"{{Equity}}","qty":"10","side":"buy","type":"market","time_in_force":"opg"}""");
        Assert.Equal(("opg", "accepted"), ((string)opg["time_in_force"]!, (string)opg["status"]!));
        AlpacaContractTests.AssertShape("order-opg.json", opg);
        AlpacaContractTests.AssertDefiningValues("order-opg.json", opg, "time_in_force");
        Assert.Equal(close, DateTimeOffset.Parse((string)opg["expires_at"]!));
        var ours = await bot.Trader.GetAsync($"/api/v1/accounts/{bot.AccountId}/orders/{opg["id"]}");
        Assert.Equal(("opg", 10m), ((string)ours["timeInForce"]!, (decimal)ours["quantity"]!));
        var clsLimit = await bot.Trader.PostOrderOkAsync(bot.AccountId, new { symbol = Equity, side = "sell", type = "limit", quantity = 4, limitPrice = 101.00m, timeInForce = "cls" });
        Assert.Equal(("cls", "accepted"), ((string)clsLimit["timeInForce"]!, (string)clsLimit["status"]!));
        var clsMarket = await bot.PostOrderAsync($$"""{"symbol":"{{Equity}}","qty":"6","side":"sell","type":"market","time_in_force":"cls"}""");
        var clsUnmarketable = await bot.PostOrderAsync($$"""{"symbol":"{{Equity}}","qty":"1","side":"buy","type":"limit","limit_price":"95","time_in_force":"cls"}""");

        factory.Clock.MoveTo(open.AddSeconds(5));
        await QuoteAsync(open.AddSeconds(5), 100.00m, 100.05m); // the session's first quote: the opg buy takes its ask
        var opened = await StatusAsync(bot, (string)opg["id"]!, "filled");
        Assert.Equal("100.05", (string)opened["filled_avg_price"]!);
        Assert.Equal("accepted", (string)(await bot.GetAsync($"/v2/orders/{clsMarket["id"]}"))["status"]!); // open and marketable, but waiting

        // The open has passed: opg is refused on both surfaces, naming the field, and records nothing.
        var (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", $$"""{"symbol":"{{Equity}}","qty":"1","side":"buy","type":"market","time_in_force":"opg"}""");
        AlpacaTradingApiTests.AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, "time_in_force: ");
        Assert.Contains("market is closed", (string)body!["message"]!);
        var v1 = await bot.Trader.PostOrderAsync(bot.AccountId, $$"""{"symbol":"{{Equity}}","side":"buy","type":"market","quantity":1,"timeInForce":"opg"}""");
        Assert.Equal(HttpStatusCode.BadRequest, v1.StatusCode);
        Assert.Contains("timeInForce", (await v1.Content.ReadAsStringAsync()));

        factory.Clock.MoveTo(close.AddSeconds(-10));
        await QuoteAsync(close.AddSeconds(-10), 101.20m, 101.30m); // the last quote before the close
        factory.Clock.MoveTo(close.AddSeconds(1));

        // The book's expiry timer reaches the close: both sells take the last quote's bid, at the close; the buy limit at 95
        // was not marketable against its ask and expires.
        foreach (var id in new[] { (string)clsLimit["id"]!, (string)clsMarket["id"]! })
        {
            var closed = await StatusAsync(bot, id, "filled");
            Assert.Equal("101.2", (string)closed["filled_avg_price"]!);
            Assert.Equal(close, DateTimeOffset.Parse((string)closed["filled_at"]!));
        }
        await StatusAsync(bot, (string)clsUnmarketable["id"]!, "expired");
        Assert.Empty((await bot.GetAsync("/v2/positions")).AsArray());

        // Every fill is at the touch of a quote the feed really showed (the buy at its ask, a sell at its bid).
        var fills = (await bot.Trader.GetAsync($"/api/v1/accounts/{bot.AccountId}/fills")).AsArray();
        Assert.Equal(3, fills.Count);
        foreach (var fill in fills)
        {
            var quote = quotes[(long)fill!["quoteSequence"]!];
            Assert.Equal((string)fill["side"]! == "buy" ? quote.Ask : quote.Bid, (decimal)fill["price"]!);
        }
    }

    [Fact]
    public async Task A_gtc_order_still_working_at_the_close_is_done_for_day_on_the_stream_and_a_day_order_expires_instead()
    {
        var (_, close) = NextMondaySession();
        var bot = await AlpacaTestClient.CreateAsync(factory);
        factory.Clock.MoveTo(close.AddSeconds(-10));
        await QuoteAsync(close.AddSeconds(-10), 100.00m, 100.05m);
        var gtc = await bot.PostOrderAsync($$"""{"symbol":"{{Equity}}","qty":"1","side":"buy","type":"limit","limit_price":"90","time_in_force":"gtc"}""");
        var day = await bot.PostOrderAsync($$"""{"symbol":"{{Equity}}","qty":"1","side":"buy","type":"limit","limit_price":"90","time_in_force":"day"}""");

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new UriBuilder(factory.ServerAddress) { Scheme = "ws", Path = "/stream" }.Uri, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        await AlpacaStreamTests.SendAsync(socket, $$$"""{"action":"authenticate","data":{"key_id":"{{{bot.KeyId}}}","secret_key":"{{{bot.Secret}}}"}}""");
        Assert.Equal("authorized", (string)(await AlpacaStreamTests.ReceiveAsync(socket))["data"]!["status"]!);
        await AlpacaStreamTests.SendAsync(socket, """{"action":"listen","data":{"streams":["trade_updates"]}}""");
        Assert.Equal("listening", (string)(await AlpacaStreamTests.ReceiveAsync(socket))["stream"]!);

        var events = new List<JsonNode>();
        while (!(events.Any(e => (string)e["event"]! == "done_for_day") && events.Any(e => (string)e["event"]! == "expired")))
        {
            Assert.True(events.Count < 20, string.Join("\n", events.Select(e => e.ToJsonString())));
            events.Add((await AlpacaStreamTests.ReceiveAsync(socket))["data"]!);
        }

        var done = Assert.Single(events, e => (string)e["event"]! == "done_for_day");
        Assert.Equal(((string)gtc["id"]!, "accepted"), ((string)done["order"]!["id"]!, (string)done["order"]!["status"]!));
        Assert.Equal(close, DateTimeOffset.Parse((string)done["timestamp"]!));
        var expired = Assert.Single(events, e => (string)e["event"]! == "expired");
        Assert.Equal((string)day["id"]!, (string)expired["order"]!["id"]!);
    }

    /// <summary>The New York session (09:30–16:00) of the first Monday after the engine's time, in UTC, computed here by hand.</summary>
    private (DateTimeOffset Open, DateTimeOffset Close) NextMondaySession()
    {
        var date = factory.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1);
        while (date.DayOfWeek != DayOfWeek.Monday) date = date.AddDays(1);
        DateTimeOffset At(int hour, int minute) =>
            new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.AddHours(hour).AddMinutes(minute), DateTimeKind.Unspecified), NewYork), TimeSpan.Zero);
        return (At(9, 30), At(16, 0));
    }

    private async Task QuoteAsync(DateTimeOffset time, decimal bid, decimal ask)
    {
        var feed = factory.Services.GetRequiredService<IClusterClient>().GetGrain<IInstrumentFeedGrain>(Equity);
        var quote = await feed.IngestAsync(new MarketTick(time, bid, ask, bid, 1, null, null, null));
        quotes[quote.Sequence] = quote;
    }

    private static async Task<JsonNode> StatusAsync(AlpacaTestClient bot, string orderId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var order = await bot.GetAsync($"/v2/orders/{orderId}");
            if ((string)order["status"]! == status) return order;
            Assert.True(DateTime.UtcNow < deadline, $"order {orderId} did not become {status}: {order.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
