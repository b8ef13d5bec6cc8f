using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Identity;
using OtpNet;

namespace Crucible.Api.Identity;

/// <summary>A new TOTP secret, shown once: the base32 secret and the otpauth URI an authenticator app scans.</summary>
public sealed record TwoFactorEnrolmentView(string Secret, string OtpauthUri);

/// <summary>Recovery codes, shown once when the second factor is turned on.</summary>
public sealed record RecoveryCodesView(IReadOnlyList<string> RecoveryCodes);

/// <summary>The optional TOTP second factor under <c>/api/v1/auth/2fa</c> (docs/identity.md "Second factor").</summary>
public static class TwoFactorApi
{
    public const string Issuer = "Crucible";

    public static IEndpointRouteBuilder MapTwoFactorApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth/2fa").WithTags("Identity").RequireAuthorization();
        group.MapPost("/enroll", EnrollAsync).WithName("EnrollTwoFactor")
            .WithSummary("Starts TOTP enrolment: 200 with a new secret and its otpauth URI (shown once); 409 when the second factor is already on.")
            .Produces<TwoFactorEnrolmentView>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/confirm", ConfirmAsync).WithName("ConfirmTwoFactor")
            .WithSummary("Turns the second factor on: { code } from the enrolled secret. 200 with 10 single-use recovery codes, shown once; 400 for a wrong code; 409 without an enrolment.")
            .Produces<RecoveryCodesView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/disable", DisableAsync).WithName("DisableTwoFactor")
            .WithSummary("Turns the second factor off: { code }, a current TOTP code or a recovery code. 204; 400 for a wrong code (counted toward lockout); 409 when it is off; 423 while locked out.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status423Locked);
        return app;
    }

    private static async Task<IResult> EnrollAsync(HttpContext http, IClusterClient cluster)
    {
        var user = cluster.GetGrain<IUserGrain>(http.User.UserId()!);
        if (await user.GetProfileAsync() is not { } profile) return UnknownUser();
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        if (!await user.BeginTwoFactorAsync(secret)) return Conflict("The second factor is already on; disable it first to enrol a new secret.", "two_factor_enabled");
        var uri = new OtpUri(OtpType.Totp, secret, profile.Email, Issuer).ToString();
        return TypedResults.Ok(new TwoFactorEnrolmentView(secret, uri));
    }

    private static async Task<IResult> ConfirmAsync(HttpContext http, IClusterClient cluster, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (code, problem) = await ReadCodeAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var userId = http.User.UserId()!;
        var codes = RecoveryCodes.Generate();
        var outcome = await cluster.GetGrain<IUserGrain>(userId).ConfirmTwoFactorAsync(code!.Trim(), [.. codes.Select(RecoveryCodes.Hash)], time.GetUtcNow());
        switch (outcome)
        {
            case TwoFactorEnrolment.Enabled:
                await audit.RecordAsync(http, AuditActions.TwoFactorEnabled, userId, AuditActions.Succeeded);
                return TypedResults.Ok(new RecoveryCodesView(codes));
            case TwoFactorEnrolment.WrongCode:
                return WrongCode();
            case TwoFactorEnrolment.AlreadyEnabled:
                return Conflict("The second factor is already on.", "two_factor_enabled");
            case TwoFactorEnrolment.NothingPending:
                return Conflict("Nothing to confirm: POST /api/v1/auth/2fa/enroll first.", "no_enrolment");
            default:
                return UnknownUser();
        }
    }

    private static async Task<IResult> DisableAsync(HttpContext http, IClusterClient cluster, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (code, problem) = await ReadCodeAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var userId = http.User.UserId()!;
        var now = time.GetUtcNow();
        var proof = RecoveryCodes.LooksLikeOne(code!)
            ? new SecondFactorProof(null, RecoveryCodes.Hash(code!), now)
            : new SecondFactorProof(code!.Trim(), null, now);
        var result = await cluster.GetGrain<IUserGrain>(userId).DisableTwoFactorAsync(proof);
        switch (result.Verdict)
        {
            case SecondFactorVerdict.Accepted:
                await audit.RecordAsync(http, AuditActions.TwoFactorDisabled, userId, AuditActions.Succeeded);
                return TypedResults.NoContent();
            case SecondFactorVerdict.NotEnabled:
                return Conflict("The second factor is not on.", "two_factor_disabled");
            case SecondFactorVerdict.LockedOut:
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling((result.State.LockedUntil!.Value - now).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(title: "Locked out", detail: $"Too many wrong codes; try again after {result.State.LockedUntil:O}.",
                    statusCode: StatusCodes.Status423Locked, extensions: new Dictionary<string, object?> { ["code"] = "locked_out", ["lockedUntil"] = result.State.LockedUntil });
            default:
                return WrongCode();
        }
    }

    private static async Task<(string? Code, IResult? Problem)> ReadCodeAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return (null, problem);
        var fields = new FieldReader(body!);
        var code = fields.String("code", 64);
        fields.RejectUnknownFields();
        if (code is null && !fields.Errors.ContainsKey("code")) fields.Error("code", "is required.");
        return fields.Errors.Count > 0 ? (null, TradingProblems.Validation(fields.Errors)) : (code, null);
    }

    private static IResult WrongCode() => TypedResults.Problem(title: "Wrong code", detail: "code: wrong, expired or already used.",
        statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = "code", ["code"] = "invalid_code" });

    private static IResult Conflict(string detail, string code) => TypedResults.Problem(title: "Second factor", detail: detail,
        statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["code"] = code });

    private static IResult UnknownUser() => TypedResults.Problem(title: "Unknown user", detail: "The token's user no longer exists.",
        statusCode: StatusCodes.Status401Unauthorized);
}
