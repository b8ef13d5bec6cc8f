using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Api.Tests;

/// <summary>
/// Small helpers the trading API tests share: open an account, set the test instrument's quote, read state. Each client
/// is a trader of its own, freshly registered (or the user given), and every request carries their token.
/// </summary>
public sealed class TradingTestClient(CrucibleApiFactory factory, TestUsers.SignedIn? user = null)
{
    /// <summary>The trader; registered when the client is made, off the test's synchronization context (constructors cannot await).</summary>
    public TestUsers.SignedIn User { get; } = user ?? Task.Run(() => TestUsers.NewTraderAsync(factory)).GetAwaiter().GetResult();

    public HttpClient Http => User.Http;

    public async Task<string> OpenAccountAsync(decimal initialBalance = 100_000m)
    {
        var id = "t-" + Guid.NewGuid().ToString("N")[..12];
        var response = await Http.PostAsJsonAsync("/api/v1/accounts", new { accountId = id, initialBalance });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return id;
    }

    /// <summary>Sets the external test future's quote and waits until accounts would see it.</summary>
    public async Task<Quote> QuoteAsync(decimal bid, decimal ask, decimal? bidSize = null, decimal? askSize = null)
    {
        var feed = factory.Services.GetRequiredService<IClusterClient>().GetGrain<IInstrumentFeedGrain>(CrucibleApiFactory.ExternalSymbol);
        var previous = await feed.GetQuoteAsync();
        var time = DateTimeOffset.UtcNow;
        if (previous is not null && previous.Time > time)
            time = previous.Time;
        return await feed.IngestAsync(new MarketTick(time, bid, ask, bid, 1, null, bidSize, askSize));
    }

    public Task<HttpResponseMessage> PostOrderAsync(string accountId, string json) =>
        Http.PostAsync($"/api/v1/accounts/{accountId}/orders", new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonNode> PostOrderOkAsync(string accountId, object order)
    {
        var response = await Http.PostAsJsonAsync($"/api/v1/accounts/{accountId}/orders", order);
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body!;
    }

    public async Task<JsonNode> GetAsync(string path) => (await Http.GetFromJsonAsync<JsonNode>(path))!;

    /// <summary>Everything about an account a bad request must not change (the snapshot's time aside).</summary>
    public async Task<string> StateAsync(string accountId)
    {
        var account = (await GetAsync($"/api/v1/accounts/{accountId}")).AsObject();
        account.Remove("updatedAt");
        var orders = await GetAsync($"/api/v1/accounts/{accountId}/orders?status=all");
        var fills = await GetAsync($"/api/v1/accounts/{accountId}/fills");
        var positions = await GetAsync($"/api/v1/accounts/{accountId}/positions");
        return new JsonObject
        {
            ["account"] = account.DeepClone(),
            ["orders"] = orders.DeepClone(),
            ["fills"] = fills.DeepClone(),
            ["positions"] = positions.DeepClone(),
        }.ToJsonString();
    }
}
