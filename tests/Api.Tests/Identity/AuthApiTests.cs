using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Identity;

/// <summary>Registration, sign-in and the signed-in user, over real HTTP (docs/identity.md).</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthApiTests(CrucibleApiFactory factory)
{
    private readonly HttpClient http = new() { BaseAddress = factory.ServerAddress };

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@crucible.test";

    [Fact]
    public async Task Register_then_login_then_me_returns_the_user_with_the_trader_role()
    {
        var email = NewEmail();
        var registered = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = TestUsers.Password, displayName = "Ada" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var userId = (await registered.Content.ReadFromJsonAsync<JsonNode>())!["user"]!["userId"]!.GetValue<string>();

        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = email.ToUpperInvariant(), password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var signIn = (await login.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal("Bearer", signIn["tokenType"]!.GetValue<string>());

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", signIn["accessToken"]!.GetValue<string>());
        var user = (await (await http.SendAsync(me)).Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal((userId, email, "Ada"), (user["userId"]!.GetValue<string>(), user["email"]!.GetValue<string>(), user["displayName"]!.GetValue<string>()));
        Assert.Equal(["trader"], user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Me_without_a_token_or_with_a_forged_one_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/auth/me")).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LXgifQ.c2lnbmF0dXJl");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var email = NewEmail();
        await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = TestUsers.Password });

        var wrong = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "not the password 1" });
        var unknown = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = NewEmail(), password = TestUsers.Password });

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrong.StatusCode, unknown.StatusCode));
        Assert.Equal((await wrong.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>(),
            (await unknown.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_email_registers_once_in_any_case_and_a_weak_password_is_refused_naming_the_field()
    {
        var email = NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = TestUsers.Password })).StatusCode);

        var again = await http.PostAsJsonAsync("/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = TestUsers.Password });
        var weak = await http.PostAsJsonAsync("/api/v1/auth/register", new { email = NewEmail(), password = "short1" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.NotNull((await weak.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["password"]);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_user_out_with_423_and_retry_after_even_for_the_right_password()
    {
        var email = NewEmail();
        await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = TestUsers.Password });
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = $"wrong password {i}" })).StatusCode);

        var fifth = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "wrong password 5" });
        var right = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.Locked, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(14));
    }

    [Fact]
    public async Task Configured_addresses_get_their_roles()
    {
        var admin = await TestUsers.AdminAsync(factory);
        var evaluator = await TestUsers.EvaluatorAsync(factory);

        var adminRoles = (await admin.Http.GetFromJsonAsync<JsonNode>("/api/v1/auth/me"))!["roles"]!.AsArray().Select(r => r!.GetValue<string>());
        var evaluatorRoles = (await evaluator.Http.GetFromJsonAsync<JsonNode>("/api/v1/auth/me"))!["roles"]!.AsArray().Select(r => r!.GetValue<string>());
        Assert.Equal(["trader", "admin"], adminRoles);
        Assert.Equal(["trader", "evaluator"], evaluatorRoles);
    }
}
