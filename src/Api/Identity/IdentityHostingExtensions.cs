using Crucible.Api.Hosting;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Crucible.Api.Identity;

/// <summary>Authentication (JWT bearer access tokens) and authorization for the API host and its hubs.</summary>
public static class IdentityHostingExtensions
{
    public static WebApplicationBuilder AddCrucibleIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        services.Configure<AuthOptions>(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        var key = SigningKey.From(options, DurableMode.IsEnabled(builder.Configuration));
        services.AddSingleton(key);
        services.AddSingleton<TokenService>();
        services.AddSingleton<RefreshTokens>();
        services.AddSingleton<ResourceAccess>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ApiKeyRevocations>();
        services.AddSingleton<IPasswordHasher<UserProfile>, PasswordHasher<UserProfile>>();
        services.AddHostedService<SigningKeyNotice>();

        // The default scheme is a policy scheme: an API key when the request presents one, else a JWT access token.
        services.AddCallerAuthentication()
            .AddJwtBearer(o =>
            {
                // Claims keep their JWT names ("sub", "role"), as TokenService writes them.
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Issuer,
                    ValidAudience = options.Audience,
                    IssuerSigningKey = key.Key,
                    NameClaimType = Caller.SubjectClaim,
                    RoleClaimType = Caller.RoleClaim,
                    ClockSkew = options.ClockSkew,
                };
                o.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on a WebSocket: hubs take the token as the access_token query parameter.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorizationBuilder().AddCruciblePolicies();
        return builder;
    }

    public static WebApplication UseCrucibleIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        // Limits before the refusal of bad keys, so a flood of them still counts against its address on limited routes.
        app.UseCrucibleRateLimits();
        app.UseApiKeyRefusal();
        app.UseAuthorization();
        app.MapAuthApi();
        app.MapApiKeysApi();

        app.MapTwoFactorApi();
        app.MapAdminApi();
        return app;
    }

    private sealed class SigningKeyNotice(SigningKey key, ILogger<SigningKeyNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (key.Generated)
                logger.LogWarning("No {Setting} configured: this embedded run signs access tokens with a random development key; tokens die with the process.",
                    $"{AuthOptions.Section}:SigningKey");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
