using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crucible.Api.Identity;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Tests.Identity;

/// <summary>API keys for bots over real HTTP: made with a person's token, used as Alpaca clients send them (docs/identity.md).</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyTests(CrucibleApiFactory factory)
{
    private readonly HttpClient anonymous = new() { BaseAddress = factory.ServerAddress };

    private static async Task<(string KeyId, string Secret)> CreateKeyAsync(TestUsers.SignedIn user, string name = "bot")
    {
        var response = await user.Http.PostAsJsonAsync("/api/v1/auth/keys", new { name });
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
        return (body["keyId"]!.GetValue<string>(), body["secret"]!.GetValue<string>());
    }

    private static HttpRequestMessage WithKey(HttpMethod method, string path, string keyId, string secret, object? json = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) };
        request.Headers.Add("APCA-API-KEY-ID", keyId);
        request.Headers.Add("APCA-API-SECRET-KEY", secret);
        return request;
    }

    [Fact]
    public async Task A_new_key_looks_like_an_Alpaca_key_and_its_secret_is_shown_once()
    {
        var user = await TestUsers.NewTraderAsync(factory);

        var response = await user.Http.PostAsJsonAsync("/api/v1/auth/keys", new { name = "  momentum bot " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var keyId = created["keyId"]!.GetValue<string>();
        Assert.Matches("^CK[A-Z0-9]{18}$", keyId);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", created["secret"]!.GetValue<string>());
        Assert.Equal("momentum bot", created["name"]!.GetValue<string>());
        var listed = (await user.Http.GetFromJsonAsync<JsonArray>("/api/v1/auth/keys"))!;
        var key = Assert.Single(listed)!;
        Assert.Equal(keyId, key["keyId"]!.GetValue<string>());
        Assert.False(key["revoked"]!.GetValue<bool>());
        Assert.Null(key["lastUsedAt"]);
        Assert.DoesNotContain("secret", listed.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bot_trades_with_the_APCA_headers_and_its_revoked_key_is_refused_on_the_next_request()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        var (keyId, secret) = await CreateKeyAsync(user);
        var trading = new TradingTestClient(factory);
        var accountId = "k-" + Guid.NewGuid().ToString("N")[..12];
        var opened = await user.Http.PostAsJsonAsync("/api/v1/accounts", new { accountId, initialBalance = 1_000_000m });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        await trading.QuoteAsync(5000.00m, 5000.25m);
        var order = new { symbol = CrucibleApiFactory.ExternalSymbol, side = "buy", type = "limit", limitPrice = 4000m, quantity = 1 };

        var placed = await anonymous.SendAsync(WithKey(HttpMethod.Post, $"/api/v1/accounts/{accountId}/orders", keyId, secret, order));
        Assert.True(placed.StatusCode == HttpStatusCode.Created, $"{(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync()}");
        var me = (await (await anonymous.SendAsync(WithKey(HttpMethod.Get, "/api/v1/auth/me", keyId, secret))).Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(user.UserId, me["userId"]!.GetValue<string>());
        var used = (await user.Http.GetFromJsonAsync<JsonArray>("/api/v1/auth/keys"))!.Single()!;
        Assert.NotNull(used["lastUsedAt"]);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.DeleteAsync($"/api/v1/auth/keys/{keyId}")).StatusCode);

        var refused = await anonymous.SendAsync(WithKey(HttpMethod.Post, $"/api/v1/accounts/{accountId}/orders", keyId, secret, order));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("invalid_api_key", problem["code"]!.GetValue<string>());
        Assert.Contains("revoked", problem["detail"]!.GetValue<string>());
        Assert.True((await user.Http.GetFromJsonAsync<JsonArray>("/api/v1/auth/keys"))!.Single()!["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_id_and_a_lone_header_are_401_problems_even_where_anonymous_callers_may_go()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        var (keyId, secret) = await CreateKeyAsync(user);

        var wrong = await anonymous.SendAsync(WithKey(HttpMethod.Get, "/api/v1/instruments", keyId, secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')));
        var unknown = await anonymous.SendAsync(WithKey(HttpMethod.Get, "/api/v1/instruments", "CK" + new string('0', 18), secret));
        using var lone = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instruments");
        lone.Headers.Add("APCA-API-KEY-ID", keyId);
        var loneResponse = await anonymous.SendAsync(lone);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (wrong.StatusCode, unknown.StatusCode, loneResponse.StatusCode));
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        var wrongProblem = (await wrong.Content.ReadFromJsonAsync<JsonNode>())!;
        var unknownProblem = (await unknown.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(wrongProblem["detail"]!.GetValue<string>(), unknownProblem["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/instruments")).StatusCode);
    }

    [Fact]
    public async Task The_bearer_form_keyId_colon_secret_authenticates_like_the_header_pair()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        var (keyId, secret) = await CreateKeyAsync(user);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"{keyId}:{secret}");
        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.UserId, (await response.Content.ReadFromJsonAsync<JsonNode>())!["userId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_key_cannot_create_list_or_revoke_keys()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        var (keyId, secret) = await CreateKeyAsync(user);

        var create = await anonymous.SendAsync(WithKey(HttpMethod.Post, "/api/v1/auth/keys", keyId, secret, new { name = "child" }));
        var list = await anonymous.SendAsync(WithKey(HttpMethod.Get, "/api/v1/auth/keys", keyId, secret));
        var revoke = await anonymous.SendAsync(WithKey(HttpMethod.Delete, $"/api/v1/auth/keys/{keyId}", keyId, secret));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (create.StatusCode, list.StatusCode, revoke.StatusCode));
        Assert.Equal("api_key_not_allowed", (await create.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
        Assert.Single((await user.Http.GetFromJsonAsync<JsonArray>("/api/v1/auth/keys"))!);
    }

    [Fact]
    public async Task Another_users_key_cannot_be_revoked_or_seen_and_the_answer_is_404()
    {
        var owner = await TestUsers.NewTraderAsync(factory);
        var stranger = await TestUsers.NewTraderAsync(factory);
        var (keyId, secret) = await CreateKeyAsync(owner);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync($"/api/v1/auth/keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync("/api/v1/auth/keys/not-a-key")).StatusCode);
        Assert.Empty((await stranger.Http.GetFromJsonAsync<JsonArray>("/api/v1/auth/keys"))!);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(WithKey(HttpMethod.Get, "/api/v1/auth/me", keyId, secret))).StatusCode);
    }

    [Fact]
    public async Task Creating_a_key_needs_a_signed_in_user_and_a_name()
    {
        var user = await TestUsers.NewTraderAsync(factory);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/keys", new { name = "bot" })).StatusCode);
        var nameless = await user.Http.PostAsJsonAsync("/api/v1/auth/keys", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.NotNull((await nameless.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["name"]);
        var stray = await user.Http.PostAsJsonAsync("/api/v1/auth/keys", new { name = "bot", scopes = "admin" });
        Assert.Equal(HttpStatusCode.BadRequest, stray.StatusCode);
    }

    [Fact]
    public async Task Creating_using_and_revoking_a_key_are_audited_against_its_owner_and_use_at_most_once_a_minute()
    {
        var user = await TestUsers.NewTraderAsync(factory);
        var (keyId, secret) = await CreateKeyAsync(user);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(WithKey(HttpMethod.Get, "/api/v1/auth/me", keyId, secret))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.DeleteAsync($"/api/v1/auth/keys/{keyId}")).StatusCode);

        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        var now = DateTimeOffset.UtcNow;
        var days = await Task.WhenAll(new[] { now.AddDays(-1), now }.Select(d => cluster.GetGrain<IAuditTrailGrain>(IAuditTrailGrain.DayOf(d)).ListAsync()));
        var entries = days.SelectMany(d => d).Where(e => e.Target == keyId).ToList();

        Assert.Equal(["api_key_created", "api_key_used", "api_key_revoked"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((user.UserId, "success"), (e.UserId, e.Outcome)));
    }

    [Fact]
    public async Task An_admins_key_sees_only_the_admins_own_accounts_while_the_admins_token_reads_others()
    {
        var admin = await TestUsers.AdminAsync(factory);
        var owner = await TestUsers.NewTraderAsync(factory);
        var theirs = "k-" + Guid.NewGuid().ToString("N")[..12];
        var mine = "k-" + Guid.NewGuid().ToString("N")[..12];
        var cluster = factory.Services.GetRequiredService<IClusterClient>();
        await cluster.GetGrain<IAccountOwnerGrain>(theirs).ClaimAsync(owner.UserId);
        await cluster.GetGrain<IAccountOwnerGrain>(mine).ClaimAsync(admin.UserId);
        var access = factory.Services.GetRequiredService<ResourceAccess>();
        var key = ApiKeyAuthentication.Principal(admin.UserId, ApiKeyCredentials.NewKeyId());
        var token = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new("sub", admin.UserId), new("role", "trader"), new("role", "admin")], "Bearer", "sub", "role"));

        Assert.Equal((Access.Hidden, Access.Own), (await access.AccountAsync(key, theirs), await access.AccountAsync(key, mine)));
        Assert.Equal(Access.Read, await access.AccountAsync(token, theirs));
    }

    [Fact]
    public void A_key_acts_as_a_trader_only_with_the_trading_scope_whatever_its_users_roles()
    {
        var principal = ApiKeyAuthentication.Principal("u-admin", "CK000000000000000001");

        Assert.Equal("u-admin", principal.UserId());
        Assert.True(principal.Has(UserRole.Trader));
        Assert.False(principal.Has(UserRole.Admin) || principal.Has(UserRole.Evaluator));
        Assert.True(principal.HasClaim("scope", "trading") && principal.HasClaim("amr", "api_key"));
    }
}
