using System.Net;
using System.Text.Json.Nodes;
using Crucible.Api.Identity;
using Crucible.Api.Tests.Identity;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>On the host with tiny limits: a key past its trading budget on /v2 gets Alpaca's 429, headers included.</summary>
[Collection(LimitedApiCollection.Name)]
public sealed class AlpacaRateLimitTests(LimitedApiFactory factory)
{
    [Fact]
    public async Task A_key_past_its_budget_gets_Alpacas_429_with_Retry_After_and_the_rate_limit_headers()
    {
        var keyId = ApiKeyCredentials.NewKeyId();
        var secret = Secrets.New();
        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        Assert.True(await cluster.GetGrain<IApiKeyGrain>(keyId).CreateAsync(new NewApiKey($"u-{Guid.NewGuid():N}", "bot", Secrets.Hash(secret), DateTimeOffset.UtcNow)));
        using var bot = new HttpClient { BaseAddress = factory.ServerAddress };
        bot.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        bot.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);

        var first = await bot.GetAsync("/v2/clock");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(LimitedApiFactory.PermitLimit.ToString(), first.Headers.GetValues("X-RateLimit-Limit").Single());
        for (var i = 1; i < LimitedApiFactory.PermitLimit; i++)
            Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/v2/clock")).StatusCode);
        var refused = await bot.GetAsync("/v2/clock");
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 3600);
        Assert.Equal("0", refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.NotNull(refused.Headers.GetValues("X-RateLimit-Reset").Single());
        Assert.Equal(["code", "message"], body.AsObject().Select(p => p.Key));
        Assert.Equal(42910000, (int)body["code"]!);
        Assert.StartsWith("rate limit exceeded", (string)body["message"]!);
    }
}
