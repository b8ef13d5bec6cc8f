using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.Api.Identity;
using Crucible.Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Crucible.Api.Tests.Identity;

/// <summary>
/// Rate limits on a host of their own with tiny limits (the shared host's are out of reach). Windows are an hour long, so
/// none rolls over mid-test; each test reads what is left of its window instead of assuming it starts full.
/// </summary>
[Collection(LimitedApiCollection.Name)]
public sealed class RateLimitTests(LimitedApiFactory factory)
{
    private readonly HttpClient http = new() { BaseAddress = factory.ServerAddress };

    [Fact]
    public async Task Sign_in_routes_take_the_configured_requests_per_IP_then_answer_429_with_Retry_After()
    {
        var first = await http.PostAsJsonAsync("/api/v1/auth/login", new { });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(LimitedApiFactory.PermitLimit.ToString(), Header(first, "X-RateLimit-Limit"));
        var remaining = int.Parse(Header(first, "X-RateLimit-Remaining")!);
        for (var i = 0; i < remaining; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await http.PostAsJsonAsync("/api/v1/auth/login", new { })).StatusCode);

        var refused = await http.PostAsJsonAsync("/api/v1/auth/register", new { email = "late@crucible.test", password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(Header(refused, "Retry-After")!), 1, 3600);
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));
        Assert.InRange(long.Parse(Header(refused, "X-RateLimit-Reset")!), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(1.1).ToUnixTimeSeconds());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rate_limited", (await refused.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trading_routes_count_per_user_and_per_key_so_one_bursting_caller_leaves_the_others_alone()
    {
        var (alice, aliceKey) = await CallerAsync();
        var (bob, _) = await CallerAsync();
        const string path = "/api/v1/accounts/no-such-account";

        for (var i = 0; i < LimitedApiFactory.PermitLimit; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(path)).StatusCode);
        var refused = await alice.GetAsync(path);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(Header(refused, "Retry-After"));
        var bobs = await bob.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, bobs.StatusCode);
        Assert.Equal((LimitedApiFactory.PermitLimit - 1).ToString(), Header(bobs, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.NotFound, (await aliceKey.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Routes_outside_the_limited_prefixes_carry_no_limit_headers()
    {
        var response = await http.GetAsync("/api/v1/instruments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    /// <summary>A user with an access token and one API key, made straight through the grains: /api/v1/auth is rate limited too.</summary>
    private async Task<(HttpClient Person, HttpClient Bot)> CallerAsync()
    {
        var userId = $"u-{Guid.NewGuid():N}";
        var token = factory.Services.GetRequiredService<TokenService>()
            .Issue(new UserProfile(userId, $"{userId}@crucible.test", null, [UserRole.Trader], DateTimeOffset.UtcNow));
        var person = new HttpClient { BaseAddress = factory.ServerAddress };
        person.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);

        var keyId = ApiKeyCredentials.NewKeyId();
        var secret = Secrets.New();
        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        Assert.True(await cluster.GetGrain<IApiKeyGrain>(keyId).CreateAsync(new NewApiKey(userId, "bot", Secrets.Hash(secret), DateTimeOffset.UtcNow)));
        var bot = new HttpClient { BaseAddress = factory.ServerAddress };
        bot.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        bot.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        return (person, bot);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}

/// <summary>
/// A host with tiny hour-long rate limits, one allowed CORS origin, and a route that throws (to see what a failure
/// shows a client). Its own collection: nothing else may spend its limits.
/// </summary>
public sealed class LimitedApiFactory : CrucibleApiFactory
{
    public const int PermitLimit = 3;
    public const string AllowedOrigin = "https://dashboard.crucible.test";
    public const string ThrowingPath = "/test/throw";
    public const string ExceptionMessage = "secret internals of Crucible.Api.Tests";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var name in new[] { "Auth", "Trading" })
        {
            builder.UseSetting($"Crucible:RateLimits:{name}:PermitLimit", PermitLimit.ToString());
            builder.UseSetting($"Crucible:RateLimits:{name}:Window", "01:00:00");
        }
        builder.UseSetting("Crucible:Cors:Origins:0", AllowedOrigin);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingRoute>());
    }

    /// <summary>Appended after the app's own pipeline, so its exception travels back through the real exception handler.</summary>
    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(ThrowingPath, branch => branch.Run(_ => throw new InvalidOperationException(ExceptionMessage)));
        };
    }
}

/// <summary>
/// Runs alone, after the parallel collections: a second host (its own silo) starting beside the shared one on two cores
/// slows the timing-sensitive hub tests past their deadlines.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LimitedApiCollection : ICollectionFixture<LimitedApiFactory>
{
    public const string Name = "api-limited";
}
