using System.Globalization;
using System.Threading.RateLimiting;
using Crucible.Api.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Crucible.Api.Hosting;

/// <summary>Which limit a request counts against.</summary>
public enum RateLimitClass
{
    None,
    Auth,
    Trading,
}

/// <summary>
/// Request limits for the API (docs/identity.md "Rate limits"): fixed windows per client IP on sign-in routes, per key or
/// user on trading routes. One global limiter chosen by path rather than per-endpoint policies, so routes added later
/// under those prefixes (the <c>/v2</c> surface) are limited without anyone remembering to say so. A refusal is a 429
/// ProblemDetails with Retry-After; limited responses carry X-RateLimit-Limit and X-RateLimit-Remaining, and a
/// refusal also X-RateLimit-Reset (Unix seconds), as Alpaca's API does.
/// </summary>
public sealed class RateLimits
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    private readonly RateLimitOptions options;
    private readonly FixedWindowRateLimiterOptions auth;
    private readonly FixedWindowRateLimiterOptions trading;

    public RateLimits(IOptions<RateLimitOptions> options)
    {
        this.options = options.Value;
        auth = this.options.Auth.ToLimiterOptions(nameof(RateLimitOptions.Auth));
        trading = this.options.Trading.ToLimiterOptions(nameof(RateLimitOptions.Trading));
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    public static RateLimitClass ClassOf(PathString path) =>
        path.StartsWithSegments("/api/v1/auth") ? RateLimitClass.Auth
        : path.StartsWithSegments("/api/v1/accounts") || path.StartsWithSegments("/v2") ? RateLimitClass.Trading
        : RateLimitClass.None;

    private RateLimitPartition<string> Partition(HttpContext http) => ClassOf(http.Request.Path) switch
    {
        RateLimitClass.Auth => RateLimitPartition.GetFixedWindowLimiter($"auth|{ClientIp(http)}", _ => auth),
        // A user's bots each get their own budget, as each key is its own client; a person's token shares the user's.
        RateLimitClass.Trading => RateLimitPartition.GetFixedWindowLimiter(
            http.User.ApiKeyId() is { } keyId ? $"key|{keyId}" : http.User.UserId() is { } userId ? $"user|{userId}" : $"ip|{ClientIp(http)}",
            _ => trading),
        _ => RateLimitPartition.GetNoLimiter(""),
    };

    private int PermitLimitOf(RateLimitClass limitClass) =>
        limitClass == RateLimitClass.Auth ? options.Auth.PermitLimit : options.Trading.PermitLimit;

    /// <summary>Behind a proxy this is the proxy's address unless forwarded headers are configured (docs/identity.md).</summary>
    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>After a request got its permit: what is left of its window (cheap: the partition's counter).</summary>
    public void WriteRemaining(HttpContext http)
    {
        var limitClass = ClassOf(http.Request.Path);
        if (limitClass == RateLimitClass.None) return;
        var headers = http.Response.Headers;
        headers[LimitHeader] = PermitLimitOf(limitClass).ToString(CultureInfo.InvariantCulture);
        if (Limiter.GetStatistics(http) is { } statistics)
            headers[RemainingHeader] = statistics.CurrentAvailablePermits.ToString(CultureInfo.InvariantCulture);
    }

    public async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var headers = http.Response.Headers;
        headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        headers[LimitHeader] = PermitLimitOf(ClassOf(http.Request.Path)).ToString(CultureInfo.InvariantCulture);
        headers[RemainingHeader] = "0";
        headers[ResetHeader] = (now + retryAfter).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"Rate limit exceeded; retry after {seconds} s.",
            Extensions = { ["code"] = "rate_limited" },
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}

public static class RateLimitHostingExtensions
{
    public static IServiceCollection AddCrucibleRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<RateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimits>((o, limits) =>
        {
            o.GlobalLimiter = limits.Limiter;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = limits.RefuseAsync;
        });
        return services;
    }

    /// <summary>
    /// Goes after authentication, so trading requests count against their key or user rather than a shared IP; the cost
    /// is that a request is authenticated before it can be refused.
    /// </summary>
    public static IApplicationBuilder UseCrucibleRateLimits(this IApplicationBuilder app)
    {
        app.UseRateLimiter();
        var limits = app.ApplicationServices.GetRequiredService<RateLimits>();
        return app.Use((context, next) =>
        {
            limits.WriteRemaining(context);
            return next(context);
        });
    }
}
