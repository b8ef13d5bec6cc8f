using System.Net;
using Crucible.Api.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using static Crucible.Api.Tests.Identity.IdentityClient;

namespace Crucible.Api.Tests.Identity;

/// <summary>Rotating refresh tokens, sign-out and access-token expiry (docs/identity.md "Sign in and tokens").</summary>
[Collection(ApiCollection.Name)]
public sealed class RefreshTokenTests(CrucibleApiFactory factory)
{
    private readonly HttpClient http = Anonymous(factory);

    private async Task<Answer> RegisterAsync(string email) =>
        await PostAsync(http, "/api/v1/auth/register", new { email, password = TestUsers.Password });

    private Task<Answer> RefreshAsync(string refreshToken) => PostAsync(http, "/api/v1/auth/refresh", new { refreshToken });

    [Fact]
    public async Task Register_and_login_return_a_refresh_token_that_lasts_fourteen_days()
    {
        var email = NewEmail();
        var before = DateTimeOffset.UtcNow;
        var registered = await RegisterAsync(email);
        var login = await LoginAsync(http, email);

        foreach (var signIn in new[] { registered, login })
        {
            var expires = DateTimeOffset.Parse(signIn.Text("refreshTokenExpiresAt"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(expires, before.AddDays(14), DateTimeOffset.UtcNow.AddDays(14));
            Assert.Matches("^[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}$", signIn.Text("refreshToken"));
        }
        Assert.NotEqual(registered.Text("refreshToken")[..32], login.Text("refreshToken")[..32]);
    }

    [Fact]
    public async Task Refresh_returns_a_new_access_token_and_a_new_refresh_token_and_spends_the_old_one()
    {
        var email = NewEmail();
        var r1 = (await RegisterAsync(email)).Text("refreshToken");

        var first = await RefreshAsync(r1);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var r2 = first.Text("refreshToken");
        Assert.NotEqual(r1, r2);
        Assert.Equal(r1[..32], r2[..32]);
        var me = await GetAsync(Bearer(factory, first.Text("accessToken")), "/api/v1/auth/me");
        Assert.Equal((HttpStatusCode.OK, email), (me.Status, me.Text("email")));

        var second = await RefreshAsync(r2);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(r2, second.Text("refreshToken"));
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_the_family_so_the_newest_token_fails_too()
    {
        var registered = await RegisterAsync(NewEmail());
        var r1 = registered.Text("refreshToken");
        var r2 = (await RefreshAsync(r1)).Text("refreshToken");

        var replay = await RefreshAsync(r1);
        var newest = await RefreshAsync(r2);

        Assert.Equal((HttpStatusCode.Unauthorized, "refresh_token_reused"), (replay.Status, replay.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_refresh_token"), (newest.Status, newest.Code));
        var userId = registered.Body!["user"]!["userId"]!.GetValue<string>();
        var audit = await GetAsync((await TestUsers.AdminAsync(factory)).Http, $"/api/v1/admin/audit?action=refresh_reuse_detected&userId={userId}");
        Assert.Equal([r1[..32]], audit.Body!["entries"]!.AsArray().Select(e => e!["target"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Logout_revokes_its_sign_in_only_and_answers_204_even_for_a_token_it_does_not_know()
    {
        var email = NewEmail();
        var first = (await RegisterAsync(email)).Text("refreshToken");
        var second = (await LoginAsync(http, email)).Text("refreshToken");

        var logout = await PostAsync(http, "/api/v1/auth/logout", new { refreshToken = first });
        var unknown = await PostAsync(http, "/api/v1/auth/logout", new { refreshToken = $"{new string('a', 32)}.not-a-secret" });

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (logout.Status, unknown.Status));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(first)).Status);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(second)).Status);
    }

    [Fact]
    public async Task A_malformed_or_unknown_refresh_token_is_401_and_a_missing_one_is_400_naming_the_field()
    {
        var malformed = await RefreshAsync("not-a-token");
        var unknown = await RefreshAsync($"{Guid.NewGuid():N}.c2VjcmV0");
        var missing = await PostAsync(http, "/api/v1/auth/refresh", new { });

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_refresh_token"), (malformed.Status, malformed.Code));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_refresh_token"), (unknown.Status, unknown.Code));
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.NotNull(missing.Body!["errors"]!["refreshToken"]);
    }

    [Fact]
    public async Task An_expired_access_token_is_401_while_the_same_token_minted_now_is_accepted()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        var profile = (await factory.Services.GetRequiredService<IClusterClient>()
            .GetGrain<Grains.Interfaces.Identity.IUserGrain>(user.UserId).GetProfileAsync())!;
        var options = factory.Services.GetRequiredService<IOptions<AuthOptions>>();
        var key = factory.Services.GetRequiredService<SigningKey>();
        // Signed by the host's key for the host's issuer and audience; issued 16 minutes ago with the 15-minute
        // lifetime, it expired a minute ago, well past the 5-second clock skew.
        var expired = new TokenService(options, key, new FixedTime(DateTimeOffset.UtcNow.AddMinutes(-16))).Issue(profile);
        var fresh = new TokenService(options, key, new FixedTime(DateTimeOffset.UtcNow)).Issue(profile);

        using var response = await Bearer(factory, expired.Token).GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Bearer(factory, fresh.Token), "/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task On_a_host_with_two_second_access_tokens_the_token_works_at_once_and_is_401_once_expired_while_refresh_still_works()
    {
        await using var shortLived = factory.WithWebHostBuilder(host =>
        {
            host.UseSetting("Crucible:Auth:AccessTokenLifetime", "00:00:02");
            host.UseSetting("Crucible:Auth:ClockSkew", "00:00:00");
        });
        var client = shortLived.CreateClient();
        var signIn = await PostAsync(client, "/api/v1/auth/register", new { email = NewEmail(), password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Created, signIn.Status);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me") { Headers = { Authorization = new("Bearer", signIn.Text("accessToken")) } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(me)).StatusCode);

        var expiresAt = DateTimeOffset.Parse(signIn.Text("accessTokenExpiresAt"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));

        using var late = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me") { Headers = { Authorization = new("Bearer", signIn.Text("accessToken")) } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(late)).StatusCode);
        var refreshed = await PostAsync(client, "/api/v1/auth/refresh", new { refreshToken = signIn.Text("refreshToken") });
        using var renewed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me") { Headers = { Authorization = new("Bearer", refreshed.Text("accessToken")) } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(renewed)).StatusCode);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
