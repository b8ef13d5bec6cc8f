using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Identity;

/// <summary>Security headers on every kind of response, and no CORS grant without configured origins.</summary>
[Collection(ApiCollection.Name)]
public sealed class SecurityHeadersTests(CrucibleApiFactory factory)
{
    private readonly HttpClient http = new() { BaseAddress = factory.ServerAddress };

    [Theory]
    [InlineData("/api/v1/instruments")]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData("/api/v1/accounts/no-such-account")]
    public async Task Every_response_says_nosniff_deny_no_referrer_and_a_same_origin_content_policy(string path)
    {
        var response = await http.GetAsync(path);

        AssertHardened(response);
    }

    [Fact]
    public async Task The_content_policy_still_lets_the_dashboard_load_its_own_files_and_socket()
    {
        var page = await http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("style-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        // Everything the page loads is same-origin and nothing is inline, which the policy would block.
        Assert.Contains("src=\"/lib/signalr/signalr.min.js\"", html);
        Assert.Contains("src=\"/js/app.js\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("style=", html);
    }

    [Fact]
    public async Task Without_configured_origins_no_origin_is_granted_cross_origin_access()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instruments");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    internal static void AssertHardened(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }
}

/// <summary>What the hardened host shows on the host with a configured origin and a route that throws.</summary>
[Collection(LimitedApiCollection.Name)]
public sealed class SecurityHeadersHostTests(LimitedApiFactory factory)
{
    private readonly HttpClient http = new() { BaseAddress = factory.ServerAddress };

    [Fact]
    public async Task A_failure_is_a_bare_500_problem_without_stack_trace_or_message_and_still_hardened()
    {
        var response = await http.GetAsync(LimitedApiFactory.ThrowingPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(LimitedApiFactory.ExceptionMessage, body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
        Assert.Equal(500, JsonNode.Parse(body)!["status"]!.GetValue<int>());
        SecurityHeadersTests.AssertHardened(response);
    }

    [Fact]
    public async Task A_configured_origin_may_call_with_an_API_key_and_read_the_limit_headers_and_another_may_not()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/accounts/x/orders");
        preflight.Headers.Add("Origin", LimitedApiFactory.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "apca-api-key-id,apca-api-secret-key,content-type");
        using var stranger = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instruments");
        stranger.Headers.Add("Origin", "https://evil.example");
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instruments");
        allowed.Headers.Add("Origin", LimitedApiFactory.AllowedOrigin);

        var preflightResponse = await http.SendAsync(preflight);
        var strangerResponse = await http.SendAsync(stranger);
        var allowedResponse = await http.SendAsync(allowed);

        Assert.True(preflightResponse.IsSuccessStatusCode, $"{(int)preflightResponse.StatusCode}");
        Assert.Equal(LimitedApiFactory.AllowedOrigin, preflightResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("apca-api-key-id", preflightResponse.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(strangerResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(LimitedApiFactory.AllowedOrigin, allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("X-RateLimit-Remaining", allowedResponse.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }
}
