using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.LoadTest;

/// <summary>A signed-in user of the engine's REST API: registers, opens or buys accounts. Bots send orders through its client.</summary>
public sealed class EngineUser(HttpClient http, string email, string password)
{
    public const string Password = "load test battery 9 staple";

    private string? token;

    public string Email { get; } = email;

    /// <summary>Registers the user and keeps its access token.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/register", new { email = Email, password }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new LoadTestException($"register {Email}: 429 from the engine's sign-in rate limit; run it with --Crucible:RateLimits:Auth:PermitLimit=1000000 (docs/load-testing.md)");
        if (response.StatusCode != HttpStatusCode.Created)
            throw new LoadTestException($"register {Email}: {(int)response.StatusCode} {body}");
        token = (string)JsonNode.Parse(body)!["accessToken"]!;
    }

    /// <summary>Signs in again (access tokens live 15 minutes by default; a long run renews them on a 401).</summary>
    public async Task LoginAsync(CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new LoadTestException($"login {Email}: {(int)response.StatusCode} {body}");
        token = (string)JsonNode.Parse(body)!["accessToken"]!;
    }

    public string AccessToken => token ?? throw new InvalidOperationException("not signed in");

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    public async Task<string> OpenPaperAccountAsync(string accountId, decimal balance, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Post, "/api/v1/accounts", new { accountId, initialBalance = balance }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new LoadTestException($"open account {accountId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return accountId;
    }

    /// <summary>Buys an assessment of the plan with the simulated payment's accepting test token; returns its first phase's account.</summary>
    public async Task<string> BuyAssessmentAsync(string planId, string purchaseId, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Post, "/api/v1/assessments", new { planId, paymentToken = "tok_visa", purchaseId }), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new LoadTestException($"buy {planId}: {(int)response.StatusCode} {body}");
        return (string)JsonNode.Parse(body)!["currentAccountId"]!;
    }
}

/// <summary>A run that cannot go on (the engine refused its set-up); the message says why and what to change.</summary>
public sealed class LoadTestException(string message) : Exception(message);
