using System.Security.Cryptography;

namespace Crucible.Api.Identity;

/// <summary>
/// An API key as a client presents it, and how keys are made. Two forms are read (docs/identity.md "API keys"):
/// the header pair Alpaca clients send, <c>APCA-API-KEY-ID</c> and <c>APCA-API-SECRET-KEY</c>, or
/// <c>Authorization: Bearer {keyId}:{secret}</c> for tools that can only set a bearer token. A JWT never holds a
/// colon, so the two bearer forms cannot be confused.
/// </summary>
public sealed record ApiKeyCredentials(string KeyId, string Secret)
{
    public const string KeyIdHeader = "APCA-API-KEY-ID";
    public const string SecretHeader = "APCA-API-SECRET-KEY";
    public const string KeyIdPrefix = "CK";
    public const int KeyIdLength = 20;

    private const string KeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string BearerPrefix = "Bearer ";

    /// <summary>Whether the request carries key credentials at all (then only the API-key scheme may authenticate it).</summary>
    public static bool Present(HttpRequest request) =>
        request.Headers.ContainsKey(KeyIdHeader) || request.Headers.ContainsKey(SecretHeader) || KeyBearer(request) is not null;

    /// <summary>The presented key, or null with what is wrong with it.</summary>
    public static (ApiKeyCredentials? Credentials, string? Problem) Read(HttpRequest request)
    {
        string? keyId, secret;
        if (request.Headers.ContainsKey(KeyIdHeader) || request.Headers.ContainsKey(SecretHeader))
        {
            keyId = Single(request.Headers[KeyIdHeader]);
            secret = Single(request.Headers[SecretHeader]);
            if (keyId is null || secret is null)
                return (null, $"Send both {KeyIdHeader} and {SecretHeader}, once each.");
        }
        else if (KeyBearer(request) is { } token)
        {
            var colon = token.IndexOf(':');
            (keyId, secret) = (token[..colon], token[(colon + 1)..]);
        }
        else
        {
            return (null, "No API key was presented.");
        }
        if (!IsKeyId(keyId) || secret.Length is 0 or > 256)
            return (null, "The API key id or secret is malformed.");
        return (new ApiKeyCredentials(keyId, secret), null);
    }

    /// <summary><c>CK</c> and 18 uppercase letters or digits, as Alpaca's key ids look.</summary>
    public static bool IsKeyId(string? keyId) =>
        keyId is { Length: KeyIdLength } && keyId.StartsWith(KeyIdPrefix, StringComparison.Ordinal)
        && keyId.AsSpan(KeyIdPrefix.Length).IndexOfAnyExcept(KeyIdAlphabet) < 0;

    public static string NewKeyId() => KeyIdPrefix + new string(RandomNumberGenerator.GetItems<char>(KeyIdAlphabet, KeyIdLength - KeyIdPrefix.Length));


    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0]!.Trim() : null;

    private static string? KeyBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)) return null;
        var token = value[BearerPrefix.Length..].Trim();
        return token.StartsWith(KeyIdPrefix, StringComparison.Ordinal) && token.Contains(':') ? token : null;
    }
}
