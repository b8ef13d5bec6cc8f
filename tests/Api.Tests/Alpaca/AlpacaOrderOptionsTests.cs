using System.Net;
using Crucible.Api.Alpaca;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>
/// POST /v2/orders beyond qty and the simple classes: notional, oto, oco, extended_hours, and opg and cls where there is no
/// session (their execution at an open and a close: <see cref="SessionOrderTests"/>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AlpacaOrderOptionsTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    [Theory]
    // 1,000 at 3.30 in lots of 0.01: 303.03 costs 999.999; 303.04 would cost 1,000.032.
    [InlineData(1000, 3.30, 1, 0.01, 303.03)]
    // TEST-EXT: 760,000 at 5,000.25 × 50 a contract is 3.04 contracts: 3.
    [InlineData(760000, 5000.25, 50, 1, 3)]
    // Less than one lot: nothing.
    [InlineData(240000, 5000, 50, 1, 0)]
    public void Notional_buys_whole_lots_rounded_down_at_the_price(decimal notional, decimal price, decimal multiplier, decimal lot, decimal expected) =>
        Assert.Equal(expected, AlpacaNotional.Quantity(notional, price, multiplier, lot));

    [Fact]
    public async Task A_notional_market_day_order_is_sized_at_the_touch_and_other_notional_orders_are_refused()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var order = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","notional":"760000","side":"buy","type":"market","time_in_force":"day"}""");

        // As at Alpaca, a notional order shows its amount and no qty; filled_qty says what it bought.
        Assert.Equal(("760000", null, "3", "5000.25", "filled"),
            ((string?)order["notional"], (string?)order["qty"], (string)order["filled_qty"]!, (string)order["filled_avg_price"]!, (string)order["status"]!));
        Assert.Equal((string)order["notional"]!, (string)(await bot.GetAsync($"/v2/orders/{order["id"]}"))["notional"]!);
        var ours = await bot.Trader.GetAsync($"/api/v1/accounts/{bot.AccountId}/orders/{order["id"]}");
        Assert.Equal((760000m, 3m), ((decimal)ours["notional"]!, (decimal)ours["quantity"]!));
        await AssertRefusedAsync(bot, """ "notional":"240000","side":"sell","type":"market","time_in_force":"day" """, "notional", "less than one lot");
        await AssertRefusedAsync(bot, """ "notional":"10000","side":"buy","type":"limit","limit_price":"4900","time_in_force":"day" """, "notional", "market orders");
        await AssertRefusedAsync(bot, """ "notional":"10000","side":"buy","type":"market","time_in_force":"gtc" """, "notional", "day");
        await AssertRefusedAsync(bot, """ "notional":"10000","qty":"1","side":"buy","type":"market","time_in_force":"day" """, "notional", "not both");
        await AssertRefusedAsync(bot, """ "notional":"-5","side":"buy","type":"market","time_in_force":"day" """, "notional", "positive");
        Assert.Single((await bot.GetAsync("/v2/orders?status=all")).AsArray());
    }

    [Fact]
    public async Task An_oto_holds_its_one_leg_until_the_entry_fills_and_is_the_same_order_over_api_v1()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var oto = await bot.PostOrderAsync($$$"""
            {"symbol":"{{{Symbol}}}","qty":"2","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc","order_class":"oto",
             "stop_loss":{"stop_price":"4800"}}
            """);
        var leg = Assert.Single(oto["legs"]!.AsArray())!;
        Assert.Equal(("oto", "accepted"), ((string)oto["order_class"]!, (string)oto["status"]!));
        Assert.Equal(("stop", "sell", "4800", "held", "2"), ((string)leg["type"]!, (string)leg["side"]!, (string)leg["stop_price"]!, (string)leg["status"]!, (string)leg["qty"]!));
        var ours = await bot.Trader.GetAsync($"/api/v1/accounts/{bot.AccountId}/orders/{oto["id"]}");
        Assert.Equal("oto", (string)ours["class"]!);

        await bot.Trader.QuoteAsync(4899.75m, 4900.00m);

        // The quote reaches the book through the market stream: the entry fills when it arrives.
        await StatusAsync(bot, (string)oto["id"]!, "filled");
        Assert.Equal("accepted", (string)(await bot.GetAsync($"/v2/orders/{leg["id"]}"))["status"]!);
        await AssertRefusedAsync(bot, """ "qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc","order_class":"oto" """, "take_profit.limit_price", "");
    }

    [Fact]
    public async Task An_oco_exit_works_both_legs_and_a_fill_of_one_cancels_the_other()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);
        await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"market","time_in_force":"day"}""");

        var oco = await bot.PostOrderAsync($$$"""
            {"symbol":"{{{Symbol}}}","qty":"1","side":"sell","type":"limit","time_in_force":"gtc","order_class":"oco",
             "take_profit":{"limit_price":"5100"},"stop_loss":{"stop_price":"4900","limit_price":"4890"}}
            """);
        var stop = Assert.Single(oco["legs"]!.AsArray())!;
        Assert.Equal(("oco", "limit", "5100"), ((string)oco["order_class"]!, (string)oco["type"]!, (string)oco["limit_price"]!));
        Assert.Equal(("stop_limit", "4900", "4890", "accepted"), ((string)stop["type"]!, (string)stop["stop_price"]!, (string)stop["limit_price"]!, (string)stop["status"]!));

        await bot.Trader.QuoteAsync(5100.00m, 5100.25m);

        await StatusAsync(bot, (string)oco["id"]!, "filled");
        Assert.Equal("canceled", (string)(await bot.GetAsync($"/v2/orders/{stop["id"]}"))["status"]!);
        Assert.Empty((await bot.GetAsync("/v2/positions")).AsArray());
    }

    [Fact]
    public async Task Extended_hours_is_taken_on_a_day_limit_only_and_opg_and_cls_are_refused_where_there_is_no_open_or_close()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);
        await bot.Trader.QuoteAsync(5000.00m, 5000.25m);

        var extended = await bot.PostOrderAsync($$"""{"symbol":"{{Symbol}}","qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"day","extended_hours":true}""");

        // No pre- or post-market here: the order works in the instrument's session, and says so.
        Assert.Equal(("accepted", false), ((string)extended["status"]!, (bool)extended["extended_hours"]!));
        await AssertRefusedAsync(bot, """ "qty":"1","side":"buy","type":"market","time_in_force":"day","extended_hours":true """, "extended_hours", "DAY limit");
        await AssertRefusedAsync(bot, """ "qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"gtc","extended_hours":true """, "extended_hours", "DAY limit");
        await AssertRefusedAsync(bot, """ "qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"day","extended_hours":"yes" """, "extended_hours", "true or false");
        // TEST-EXT has no trading hours (it trades around the clock, like crypto): no open, no close.
        await AssertRefusedAsync(bot, """ "qty":"1","side":"buy","type":"market","time_in_force":"opg" """, "time_in_force", "around the clock");
        await AssertRefusedAsync(bot, """ "qty":"1","side":"buy","type":"limit","limit_price":"4900","time_in_force":"cls" """, "time_in_force", "around the clock");
        var (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", """{"symbol":"BTC/USD","qty":"0.01","side":"buy","type":"market","time_in_force":"opg"}""");
        AlpacaTradingApiTests.AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, "time_in_force: ");
        Assert.Contains("around the clock", (string)body!["message"]!);
        var v1 = await bot.Trader.PostOrderAsync(bot.AccountId, """{"symbol":"BTC-USD","side":"buy","type":"market","quantity":0.01,"timeInForce":"cls"}""");
        Assert.Equal(HttpStatusCode.BadRequest, v1.StatusCode);
        Assert.Contains("timeInForce", await v1.Content.ReadAsStringAsync());
        Assert.Single((await bot.GetAsync("/v2/orders?status=all")).AsArray());
    }

    private static async Task StatusAsync(AlpacaTestClient bot, string orderId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((string)(await bot.GetAsync($"/v2/orders/{orderId}"))["status"]! != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"order {orderId} did not become {status}");
            await Task.Delay(20);
        }
    }

    private static async Task AssertRefusedAsync(AlpacaTestClient bot, string fields, string field, string words)
    {
        var (status, body) = await bot.SendAsync(HttpMethod.Post, "/v2/orders", $$"""{"symbol":"{{Symbol}}",{{fields}}}""");
        AlpacaTradingApiTests.AssertError(status, body, HttpStatusCode.UnprocessableEntity, 40010001, $"{field}: ");
        Assert.Contains(words, (string)body!["message"]!);
    }
}
