using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Alerts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crucible.Api.Tests;

/// <summary>
/// Price alerts over /api/v1/alerts and their live delivery on /hubs/accounts (docs/alerts.md): validated bodies naming
/// the field, one user's alerts invisible to another, and a firing pushed to the owner's connection only, with the quote
/// that fired it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AlertsApiTests(CrucibleApiFactory factory)
{
    private const string Symbol = CrucibleApiFactory.ExternalSymbol;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject().Select(e => e.Key)];
    }

    [Theory]
    [InlineData("""{"condition":"above","level":100}""", "symbol")]
    [InlineData("""{"symbol":"NOPE","condition":"above","level":100}""", "symbol")]
    [InlineData("""{"symbol":"TEST-EXT","level":100}""", "condition")]
    [InlineData("""{"symbol":"TEST-EXT","condition":"sideways","level":100}""", "condition")]
    [InlineData("""{"symbol":"TEST-EXT","condition":"above"}""", "level")]
    [InlineData("""{"symbol":"TEST-EXT","condition":"above","level":0}""", "level")]
    [InlineData("""{"symbol":"TEST-EXT","condition":"above","level":-5}""", "level")]
    [InlineData("""{"symbol":"TEST-EXT","condition":"above","level":"NaN"}""", "level")]
    [InlineData("""{"symbol":"TEST-EXT","condition":"above","level":1e12}""", "level")]
    [InlineData("""{"symbol":"TEST-EXT","condition":"above","level":100,"source":"last"}""", "source")]
    [InlineData("""{"symbol":"TEST-EXT","condition":"above","level":100,"repeat":true}""", "repeat")]
    public async Task A_bad_alert_is_refused_naming_the_field_and_nothing_is_created(string body, string field)
    {
        var trader = new TradingTestClient(factory);
        var response = await trader.Http.PostAsync("/api/v1/alerts", Json(body));
        Assert.Contains(field, await ErrorFieldsAsync(response));
        Assert.Empty((await trader.GetAsync("/api/v1/alerts")).AsArray());
    }

    [Fact]
    public async Task An_alert_is_created_listed_read_and_deleted_by_its_owner_and_is_a_404_to_anyone_else()
    {
        var owner = new TradingTestClient(factory);
        var stranger = new TradingTestClient(factory);
        await owner.QuoteAsync(5000.00m, 5000.50m);

        var created = await owner.Http.PostAsync("/api/v1/alerts", Json("""{"symbol":"test-ext","condition":"crosses_up","level":"6000.25","note":"breakout"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alert = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        var id = (string)alert["id"]!;
        Assert.Equal($"/api/v1/alerts/{id}", created.Headers.Location!.ToString());
        Assert.Equal(Symbol, (string)alert["symbol"]!);
        Assert.Equal("crosses_up", (string)alert["condition"]!);
        Assert.Equal("mid", (string)alert["source"]!);
        Assert.Equal(6000.25m, (decimal)alert["level"]!);
        Assert.Equal("armed", (string)alert["state"]!);
        Assert.Equal("breakout", (string)alert["note"]!);
        Assert.Null(alert["firedAt"]);

        Assert.Equal([id], (await owner.GetAsync("/api/v1/alerts")).AsArray().Select(a => (string)a!["id"]!));
        Assert.Equal(id, (string)(await owner.GetAsync($"/api/v1/alerts/{id}"))["id"]!);

        Assert.Empty((await stranger.GetAsync("/api/v1/alerts")).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/api/v1/alerts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync($"/api/v1/alerts/{id}")).StatusCode);
        Assert.Single((await owner.GetAsync("/api/v1/alerts")).AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.DeleteAsync($"/api/v1/alerts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Http.DeleteAsync($"/api/v1/alerts/{id}")).StatusCode);
        Assert.Empty((await owner.GetAsync("/api/v1/alerts")).AsArray());
        using var anonymous = new HttpClient { BaseAddress = factory.ServerAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/alerts")).StatusCode);
    }

    [Fact]
    public async Task A_firing_is_pushed_live_to_the_owners_connection_only_with_the_quote_that_fired_it()
    {
        var owner = new TradingTestClient(factory);
        var stranger = new TradingTestClient(factory);
        var pushed = new ConcurrentQueue<PriceAlertFired>();
        var leaked = new ConcurrentQueue<PriceAlertFired>();
        await using var ownerHub = TestHubs.Connect(factory, "/hubs/accounts", owner.User);
        await using var strangerHub = TestHubs.Connect(factory, "/hubs/accounts", stranger.User);
        ownerHub.On<PriceAlertFired>("Alert", pushed.Enqueue);
        strangerHub.On<PriceAlertFired>("Alert", leaked.Enqueue);
        await ownerHub.StartAsync();
        await strangerHub.StartAsync();

        await owner.QuoteAsync(5000.00m, 5000.50m);
        var created = await owner.Http.PostAsync("/api/v1/alerts", Json("""{"symbol":"TEST-EXT","condition":"below","level":4990,"source":"bid"}"""));
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
        await owner.QuoteAsync(4990.25m, 4990.75m);                  // bid above the level: nothing
        var firing = await owner.QuoteAsync(4990.00m, 4990.50m);    // bid at the level: fires
        await owner.QuoteAsync(4980.00m, 4980.50m);                  // fired already

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (pushed.IsEmpty && DateTime.UtcNow < deadline)
            await Task.Delay(25);
        var fired = Assert.Single(pushed);
        Assert.Equal(owner.User.UserId, fired.UserId);
        Assert.Equal(id, fired.Alert.Id);
        Assert.Equal(PriceAlertState.Fired, fired.Alert.State);
        Assert.Equal(new PriceAlertTrigger(4990.00m, 4990.00m, 4990.50m, firing.Sequence, firing.Time), fired.Alert.Trigger);

        var listed = (await owner.GetAsync($"/api/v1/alerts/{id}"));
        Assert.Equal("fired", (string)listed["state"]!);
        Assert.Equal(firing.Sequence, (long)listed["trigger"]!["sequence"]!);
        Assert.Equal(firing.Time, (DateTimeOffset)listed["firedAt"]!);
        await Task.Delay(300);
        Assert.Single(pushed);
        Assert.Empty(leaked);
    }
}
