using System.Security.Claims;
using System.Text.Encodings.Web;
using Crucible.Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Crucible.Api.Identity;

/// <summary>
/// Authentication by API key for bots: the "ApiKey" scheme, the "Crucible" policy scheme that picks it or JWT bearer per
/// request, and the rule that presented key credentials which fail are refused on every route (docs/identity.md).
/// </summary>
public static class ApiKeyAuthentication
{
    /// <summary>The default scheme: forwards to <see cref="Scheme"/> when key credentials are present, else to JWT bearer.</summary>
    public const string CallerScheme = "Crucible";
    public const string Scheme = "ApiKey";

    /// <summary>Authorization policy for what only a person signed in with an access token may do (manage keys).</summary>
    public const string PersonPolicy = "SignedInPerson";

    public const string ScopeClaim = "scope";
    public const string MethodClaim = "amr";
    public const string KeyIdClaim = "api_key_id";
    public const string TradingScope = "trading";
    public const string ApiKeyMethod = "api_key";

    /// <summary>Whether the caller authenticated with an API key.</summary>
    public static bool IsApiKey(this ClaimsPrincipal principal) => principal.HasClaim(MethodClaim, ApiKeyMethod);

    /// <summary>The key id the caller authenticated with, or null for an access token or an anonymous caller.</summary>
    public static string? ApiKeyId(this ClaimsPrincipal principal) => principal.FindFirstValue(KeyIdClaim);

    /// <summary>
    /// A key acts as its user with the trader role only, so it can never reach evaluator or admin endpoints whatever
    /// roles the user has; <c>scope=trading</c> and <c>amr=api_key</c> let endpoints tell it from a person.
    /// </summary>
    public static ClaimsPrincipal Principal(string userId, string keyId) => new(new ClaimsIdentity(
        [
            new Claim(Caller.SubjectClaim, userId),
            new Claim(Caller.RoleClaim, Caller.RoleName(UserRole.Trader)),
            new Claim(ScopeClaim, TradingScope),
            new Claim(MethodClaim, ApiKeyMethod),
            new Claim(KeyIdClaim, keyId),
        ], Scheme, Caller.SubjectClaim, Caller.RoleClaim));

    /// <summary>Makes the policy scheme the default, so <c>RequireAuthorization()</c> accepts an access token or a key.</summary>
    public static AuthenticationBuilder AddCallerAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyFailures>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PersonPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => !c.User.IsApiKey()));
        return services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "Access token or API key", o => o.ForwardDefaultSelector = context =>
                ApiKeyCredentials.Present(context.Request) ? Scheme : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, "API key", null);
    }

    /// <summary>
    /// A request that presents a key which is wrong, malformed or revoked gets 401 at once on every route, even one that
    /// allows anonymous callers: a bot with a dead key should hear so on its first request, not trade anonymously.
    /// </summary>
    public static IApplicationBuilder UseApiKeyRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ApiKeyCredentials.Present(context.Request) && context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync(Scheme);
            return;
        }
        await next(context);
    });
}

/// <summary>Counts refused keys on this host, for the log line each refusal writes.</summary>
public sealed class ApiKeyFailures
{
    private long count;

    public long Add() => Interlocked.Increment(ref count);
}

/// <summary>
/// Checks a presented key against its <see cref="IApiKeyGrain"/> on every request: no cache, so a revoke takes effect
/// on the next request. The grain notes a use at most once a minute, and such a use is audited.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    IClusterClient cluster, AuditLog audit, ApiKeyFailures failures, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiKeyCredentials.Present(Request)) return AuthenticateResult.NoResult();
        var (credentials, malformed) = ApiKeyCredentials.Read(Request);
        if (credentials is null) return Refuse(null, "malformed", malformed!);

        var check = await cluster.GetGrain<IApiKeyGrain>(credentials.KeyId)
            .VerifyAsync(Secrets.Hash(credentials.Secret), TimeProvider.GetUtcNow());
        switch (check.Verdict)
        {
            case ApiKeyVerdict.Accepted:
                break;
            case ApiKeyVerdict.Revoked:
                return Refuse(credentials.KeyId, "revoked", "This API key was revoked.");
            default:
                // An unknown id and a wrong secret get the same answer; only the log tells them apart.
                return Refuse(credentials.KeyId, check.Verdict == ApiKeyVerdict.Unknown ? "unknown" : "wrong_secret",
                    "The API key id or secret is wrong.");
        }

        var userId = check.OwnerUserId!;
        if (check.UseRecorded)
            await audit.RecordAsync(Context, "api_key_used", credentials.KeyId, "success", userId: userId);
        return AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthentication.Principal(userId, credentials.KeyId), Scheme.Name));
    }

    private AuthenticateResult Refuse(string? keyId, string reason, string message)
    {
        var total = failures.Add();
        Logger.LogWarning("API key {KeyId} refused from {RemoteIp}: {Reason} ({Failures} refused on this host)",
            keyId, Context.Connection.RemoteIpAddress, reason, total);
        return AuthenticateResult.Fail(message);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "API key refused",
            result.Failure?.Message ?? "This request needs an API key or an access token.", "invalid_api_key");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not for API keys",
            "An API key may trade and read; this needs a person signed in with an access token.", "api_key_not_allowed");

    private async Task WriteProblemAsync(int status, string title, string detail, string code)
    {
        Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } };
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem });
    }
}
