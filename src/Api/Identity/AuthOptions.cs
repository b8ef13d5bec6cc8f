namespace Crucible.Api.Identity;

/// <summary>Sign-in settings (<c>Crucible:Auth</c>); docs/identity.md lists each.</summary>
public sealed class AuthOptions
{
    public const string Section = "Crucible:Auth";

    /// <summary>
    /// The HMAC-SHA256 key that signs access tokens, base64 (at least 32 bytes). Required in durable mode; embedded mode
    /// without one generates a random key at start (tokens then die with the process) and logs that it did.
    /// </summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "crucible";

    public string Audience { get; set; } = "crucible";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token lasts unused; each refresh returns a new one with a fresh lifetime.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How far an access token's expiry may be exceeded, for clocks that differ between hosts.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>E-mail addresses that get the admin role when they register: how the first admin comes to be.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>E-mail addresses that get the evaluator role when they register (admins can grant it later too).</summary>
    public List<string> Evaluators { get; set; } = [];
}
