using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests;

/// <summary>
/// Helpers the assessment API tests share: buy a plan as a fresh trader, post commands, read problems. The trader is
/// registered when the client is made (or given); every request carries their token.
/// </summary>
public sealed class AssessmentTestClient(CrucibleApiFactory factory, TestUsers.SignedIn? user = null)
{
    public TestUsers.SignedIn User { get; } = user ?? Task.Run(() => TestUsers.NewTraderAsync(factory)).GetAwaiter().GetResult();

    public HttpClient Http => User.Http;

    /// <summary>The trader's user id: the traderId of everything they buy.</summary>
    public string Trader => User.UserId;

    /// <summary>The host's evaluator, signed in.</summary>
    public Task<TestUsers.SignedIn> EvaluatorAsync() => TestUsers.EvaluatorAsync(factory);

    public async Task<JsonNode> BuyAsync(string planId = "classic-2step-100k")
    {
        var response = await Http.PostAsJsonAsync("/api/v1/assessments", new { planId, paymentToken = "tok_visa" });
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body) => Http.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>A 400 ProblemDetails that names exactly these fields.</summary>
    public static async Task AssertInvalidAsync(HttpResponseMessage response, params string[] fields)
    {
        var body = await ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(fields.Order(), body["errors"]!.AsObject().Select(p => p.Key).Order());
    }
}
