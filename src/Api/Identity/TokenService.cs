using System.Security.Claims;
using System.Security.Cryptography;
using Crucible.Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Crucible.Api.Identity;

/// <summary>An access token as the API returns it.</summary>
public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Issues short-lived JWT access tokens signed with the configured key (HMAC-SHA256).</summary>
public sealed class TokenService(IOptions<AuthOptions> options, SigningKey key, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    public AccessToken Issue(UserProfile user, IEnumerable<Claim>? extra = null)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var claims = new List<Claim>
        {
            new(Caller.SubjectClaim, user.UserId),
            new(Caller.EmailClaim, user.Email),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(Caller.RoleClaim, Caller.RoleName(r))));
        if (extra is not null) claims.AddRange(extra);
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, expires);
    }
}

/// <summary>The key tokens are signed and checked with: from configuration, or generated for an embedded run.</summary>
public sealed class SigningKey(SymmetricSecurityKey key, bool generated)
{
    public SymmetricSecurityKey Key { get; } = key;

    /// <summary>True when no key was configured and a random one was made at start (embedded mode only).</summary>
    public bool Generated { get; } = generated;

    public static SigningKey From(AuthOptions options, bool durable)
    {
        if (options.SigningKey is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32) throw new InvalidOperationException($"{AuthOptions.Section}:SigningKey must be at least 32 bytes (base64).");
            return new SigningKey(new SymmetricSecurityKey(bytes), generated: false);
        }
        if (durable)
            throw new InvalidOperationException($"Durable mode needs {AuthOptions.Section}:SigningKey (base64, at least 32 bytes): tokens must outlive a host.");
        return new SigningKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), generated: true);
    }
}
