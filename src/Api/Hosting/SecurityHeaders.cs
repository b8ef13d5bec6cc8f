namespace Crucible.Api.Hosting;

/// <summary>Cross-origin access (<c>Crucible:Cors</c>): none unless origins are listed.</summary>
public sealed class CorsSettings
{
    public const string Section = "Crucible:Cors";

    /// <summary>Origins allowed to call the API from a browser, e.g. <c>https://dashboard.example.com</c>; empty by default.</summary>
    public List<string> Origins { get; set; } = [];
}

/// <summary>
/// Response hardening (docs/identity.md "Security headers and CORS"): headers that stop sniffing, framing and referrer
/// leaks on every response, a content security policy that lets the dashboard at / load only its own scripts, styles and
/// same-origin WebSocket, and CORS for configured origins only.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Only this origin's scripts, styles and connections (SignalR's WebSocket included: CSP 3 lets 'self' match ws: and
    /// wss: on the same host); nothing inline, no plugins, no framing, no &lt;base&gt; or form tricks.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly KeyValuePair<string, string>[] Headers =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "no-referrer"),
        new("Content-Security-Policy", ContentSecurityPolicy),
        new("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    public const string CorsPolicy = "CrucibleOrigins";

    public static IServiceCollection AddCrucibleCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection(CorsSettings.Section).Get<CorsSettings>()?.Origins ?? [];
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .WithOrigins([.. origins])
            .AllowAnyMethod()
            .WithHeaders("Authorization", "Content-Type", "APCA-API-KEY-ID", "APCA-API-SECRET-KEY", "X-Requested-With", "X-SignalR-User-Agent")
            .WithExposedHeaders("Location", "Retry-After", RateLimits.LimitHeader, RateLimits.RemainingHeader, RateLimits.ResetHeader)
            // No cookie carries identity here, so credentials mode grants nothing ambient; SignalR's browser client asks for it.
            .AllowCredentials()));
        return services;
    }

    /// <summary>
    /// Sets the headers when the response starts rather than now, so responses the exception handler rewrites (it clears
    /// headers) still carry them. A header an endpoint set itself is kept.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            foreach (var (name, value) in Headers)
                response.Headers.TryAdd(name, value);
            return Task.CompletedTask;
        });
        return next(context);
    });
}
