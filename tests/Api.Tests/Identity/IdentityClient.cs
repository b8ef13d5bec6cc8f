using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Crucible.Api.Tests.Identity;

/// <summary>Small helpers for the identity tests: plain calls with their status and body, no assertions hidden inside.</summary>
public static class IdentityClient
{
    public sealed record Answer(HttpStatusCode Status, JsonNode? Body)
    {
        public string? Code => Body?["code"]?.GetValue<string>();

        public string Text(string name) => Body![name]!.GetValue<string>();
    }

    public static HttpClient Anonymous(CrucibleApiFactory factory) => new() { BaseAddress = factory.ServerAddress };

    public static HttpClient Bearer(CrucibleApiFactory factory, string accessToken)
    {
        var http = Anonymous(factory);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return http;
    }

    public static async Task<Answer> PostAsync(HttpClient http, string path, object body) => await AnswerOf(await http.PostAsJsonAsync(path, body));

    public static async Task<Answer> GetAsync(HttpClient http, string path) => await AnswerOf(await http.GetAsync(path));

    public static async Task<Answer> PutAsync(HttpClient http, string path, object body) => await AnswerOf(await http.PutAsJsonAsync(path, body));

    public static Task<Answer> LoginAsync(HttpClient http, string email, object? secondFactor = null)
    {
        var body = new JsonObject { ["email"] = email, ["password"] = TestUsers.Password };
        if (secondFactor is not null)
            foreach (var (name, value) in JsonSerializerNode(secondFactor))
                body[name] = value?.DeepClone();
        return PostAsync(http, "/api/v1/auth/login", body);
    }

    public static string NewEmail(string kind = "user") => $"{kind}-{Guid.NewGuid():N}@crucible.test";

    private static JsonObject JsonSerializerNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!.AsObject();

    private static async Task<Answer> AnswerOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
