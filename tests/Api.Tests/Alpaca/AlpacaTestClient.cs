using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>
/// A trader as an Alpaca bot sees Crucible: a paper account, an API key, and an HTTP client that sends only the
/// APCA-API-* headers (no access token). <see cref="Trader"/> is the same user over <c>/api/v1</c>.
/// </summary>
public sealed class AlpacaTestClient
{
    private AlpacaTestClient(TradingTestClient trader, string accountId, string keyId, string secret, HttpClient http)
    {
        Trader = trader;
        AccountId = accountId;
        KeyId = keyId;
        Secret = secret;
        Http = http;
    }

    public TradingTestClient Trader { get; }

    public string AccountId { get; }

    public string KeyId { get; }

    public string Secret { get; }

    /// <summary>Sends the key's headers only, as Alpaca's clients do.</summary>
    public HttpClient Http { get; }

    /// <summary>A new trader with one paper account (the key trades it without a binding: it is their only account).</summary>
    public static async Task<AlpacaTestClient> CreateAsync(CrucibleApiFactory factory, decimal initialBalance = 1_000_000m)
    {
        var trader = new TradingTestClient(factory);
        var accountId = await trader.OpenAccountAsync(initialBalance);
        var (keyId, secret) = await NewKeyAsync(trader);
        return new AlpacaTestClient(trader, accountId, keyId, secret, KeyClient(factory, keyId, secret));
    }

    public static async Task<(string KeyId, string Secret)> NewKeyAsync(TradingTestClient trader)
    {
        var response = await trader.Http.PostAsJsonAsync("/api/v1/auth/keys", new { name = "alpaca bot" });
        var key = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, key.ToJsonString());
        return ((string)key["keyId"]!, (string)key["secret"]!);
    }

    public static HttpClient KeyClient(CrucibleApiFactory factory, string keyId, string secret)
    {
        var http = new HttpClient { BaseAddress = factory.ServerAddress };
        http.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        http.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        return http;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> OkAsync(HttpMethod method, string path, string? json = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, body) = await SendAsync(method, path, json);
        Assert.True(status == expected, $"{method} {path}: {(int)status} {body?.ToJsonString()}");
        return body!;
    }

    public Task<JsonNode> GetAsync(string path) => OkAsync(HttpMethod.Get, path);

    public Task<JsonNode> PostOrderAsync(string json) => OkAsync(HttpMethod.Post, "/v2/orders", json);
}
