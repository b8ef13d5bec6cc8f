using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests;

/// <summary>
/// Signs test users in through the real endpoints: a fresh trader per call, and one admin and one evaluator per host
/// (their addresses are in the host's Crucible:Auth lists, so they get the role when they register).
/// </summary>
public static class TestUsers
{
    public const string AdminEmail = "admin@crucible.test";
    public const string EvaluatorEmail = "evaluator@crucible.test";
    public const string Password = "correct horse battery 9";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<(Uri, string), SignedIn> Known = [];

    /// <summary>A user and an HTTP client that sends their access token.</summary>
    public sealed record SignedIn(string UserId, string Email, string AccessToken, HttpClient Http);

    public static Task<SignedIn> NewTraderAsync(CrucibleApiFactory factory) =>
        RegisterAsync(factory, $"trader-{Guid.NewGuid():N}@crucible.test");

    public static Task<SignedIn> AdminAsync(CrucibleApiFactory factory) => OnceAsync(factory, AdminEmail);

    public static Task<SignedIn> EvaluatorAsync(CrucibleApiFactory factory) => OnceAsync(factory, EvaluatorEmail);

    public static async Task<SignedIn> RegisterAsync(CrucibleApiFactory factory, string email, string password = Password)
    {
        var http = new HttpClient { BaseAddress = factory.ServerAddress };
        var response = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password });
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"register {email}: {(int)response.StatusCode} {body}");
        return SignedInAs(http, body!);
    }

    public static SignedIn SignedInAs(HttpClient http, JsonNode signIn)
    {
        var token = signIn["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new SignedIn(signIn["user"]!["userId"]!.GetValue<string>(), signIn["user"]!["email"]!.GetValue<string>(), token, http);
    }

    private static async Task<SignedIn> OnceAsync(CrucibleApiFactory factory, string email)
    {
        await Gate.WaitAsync();
        try
        {
            var key = (factory.ServerAddress, email);
            if (!Known.TryGetValue(key, out var user)) Known[key] = user = await RegisterAsync(factory, email);
            return user;
        }
        finally
        {
            Gate.Release();
        }
    }
}
