using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Watchlists;
using Crucible.Grains.Watchlists;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>Watchlists over Alpaca's /v2 (by id and by name) and /api/v1: one list per user, seen the same way on both.</summary>
[Collection(ApiCollection.Name)]
public sealed class WatchlistTests(CrucibleApiFactory factory)
{
    [Fact]
    public async Task A_watchlist_made_over_v2_is_edited_by_id_and_name_and_is_the_same_list_over_api_v1()
    {
        var bot = await AlpacaTestClient.CreateAsync(factory);

        var created = await bot.OkAsync(HttpMethod.Post, "/v2/watchlists", """{"name":"crypto","symbols":["BTC/USD","ethusd"]}""");
        var id = (string)created["id"]!;
        var byName = await bot.GetAsync("/v2/watchlists:by_name?name=crypto");
        var added = await bot.OkAsync(HttpMethod.Post, $"/v2/watchlists/{id}", """{"symbol":"TEST-EXT"}""");
        var removed = await bot.OkAsync(HttpMethod.Delete, $"/v2/watchlists/{id}/BTC%2FUSD");
        var renamed = await bot.OkAsync(HttpMethod.Put, "/v2/watchlists:by_name?name=crypto", """{"name":"mixed"}""");
        var ours = await bot.Trader.GetAsync($"/api/v1/watchlists/{id}");
        var (taken, takenBody) = await bot.SendAsync(HttpMethod.Post, "/v2/watchlists", """{"name":"mixed"}""");
        var (unknown, unknownBody) = await bot.SendAsync(HttpMethod.Post, "/v2/watchlists", """{"name":"x","symbols":["NOPE"]}""");

        Assert.Equal(["BTC/USD", "ETH/USD"], created["assets"]!.AsArray().Select(a => (string)a!["symbol"]!));
        Assert.Equal(bot.AccountId, (string)created["account_id"]!);
        Assert.Equal(id, (string)byName["id"]!);
        Assert.Equal(["BTC/USD", "ETH/USD", "TEST-EXT"], added["assets"]!.AsArray().Select(a => (string)a!["symbol"]!));
        Assert.Equal(["ETH/USD", "TEST-EXT"], removed["assets"]!.AsArray().Select(a => (string)a!["symbol"]!));
        Assert.Equal("mixed", (string)renamed["name"]!);
        Assert.Equal("mixed", (string)ours["name"]!);
        Assert.Equal(["ETH-USD", "TEST-EXT"], ours["symbols"]!.AsArray().Select(s => (string)s!));
        AlpacaTradingApiTests.AssertError(taken, takenBody, HttpStatusCode.UnprocessableEntity, 40010001, "already exists");
        AlpacaTradingApiTests.AssertError(unknown, unknownBody, HttpStatusCode.UnprocessableEntity, 40010001, "NOPE");
        Assert.Single((await bot.GetAsync("/v2/watchlists")).AsArray());

        // Another user cannot see or delete it; its owner deletes it over /api/v1.
        var stranger = await AlpacaTestClient.CreateAsync(factory);
        var (hidden, _) = await stranger.SendAsync(HttpMethod.Get, $"/v2/watchlists/{id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Trader.Http.DeleteAsync($"/api/v1/watchlists/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await bot.Trader.Http.DeleteAsync($"/api/v1/watchlists/{id}")).StatusCode);
        Assert.Empty((await bot.GetAsync("/v2/watchlists")).AsArray());
    }

    [Fact]
    public async Task Api_v1_watchlists_validate_their_body_and_name_the_field()
    {
        var trader = new TradingTestClient(factory);

        var noName = await trader.Http.PostAsJsonAsync("/api/v1/watchlists", new { symbols = new[] { "BTC-USD" } });
        var badSymbols = await trader.Http.PostAsJsonAsync("/api/v1/watchlists", new { name = "a", symbols = "BTC-USD" });
        var created = await trader.Http.PostAsJsonAsync("/api/v1/watchlists", new { name = "a", symbols = new[] { "BTC-USD", "BTC/USD" } });

        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Contains("name", (await noName.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, badSymbols.StatusCode);
        Assert.Contains("symbols", (await badSymbols.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["BTC-USD"], (await created.Content.ReadFromJsonAsync<JsonNode>())!["symbols"]!.AsArray().Select(s => (string)s!));
        Assert.Single((await trader.GetAsync("/api/v1/watchlists")).AsArray());
    }

    [Fact]
    public void The_book_keeps_names_unique_symbols_once_and_caps_the_number_of_lists()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var book = new WatchlistBook([]);
        for (var i = 0; i < IWatchlistsGrain.MaxWatchlists; i++)
            Assert.Null(book.Create($"id{i}", $"n{i}", ["A", "A", "B"], t).Error);

        Assert.Equal(WatchlistError.TooManyWatchlists, book.Create("x", "x", [], t).Error);
        Assert.Equal(["A", "B"], book.Get("id0")!.Symbols);
        Assert.Equal(WatchlistError.NameTaken, book.Update("id0", "n1", null, t).Error);
        Assert.Equal(["A", "B"], book.Add("id0", "A", t).Watchlist!.Symbols);
        Assert.Equal(WatchlistError.SymbolNotListed, book.Remove("id0", "C", t).Error);
        Assert.Equal(WatchlistError.NotFound, book.Add("nope", "A", t).Error);
    }
}
