using System.Net.Mail;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Crucible.Api.Identity;

/// <summary>The caller as the API shows them.</summary>
public sealed record UserView(string UserId, string Email, string? DisplayName, IReadOnlyList<UserRole> Roles, DateTimeOffset CreatedAt, bool TwoFactorEnabled)
{
    public static UserView From(UserProfile p) => new(p.UserId, p.Email, p.DisplayName, p.Roles, p.CreatedAt, p.TwoFactorEnabled);
}

/// <summary>What a successful sign-in or refresh returns: the user, a short-lived bearer access token and the refresh token that renews it.</summary>
public sealed record SignInResponse(
    UserView User, string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt,
    string TokenType = "Bearer");

/// <summary>Registration and sign-in under <c>/api/v1/auth</c> (docs/identity.md).</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Identity");
        group.MapPost("/register", RegisterAsync).WithName("Register")
            .WithSummary("Creates a user: { email, password, displayName? }. 201 with the user, an access token and a refresh token; 409 when the e-mail is taken.")
            .Produces<SignInResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/login", LoginAsync).WithName("Login")
            .WithSummary("Signs in: { email, password, totpCode? | recoveryCode? }. 200 with an access token and a refresh token; 401 for a wrong e-mail, password or second factor (code second_factor_required when the user has one and the body has none); 423 while locked out.")
            .Produces<SignInResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked);
        group.MapPost("/refresh", RefreshAsync).WithName("Refresh")
            .WithSummary("Renews the tokens: { refreshToken }. 200 with a new access token and a new refresh token (the old one is spent); 401 for a spent, revoked or expired one. Presenting a spent one revokes every token of its sign-in.")
            .Produces<SignInResponse>().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", LogoutAsync).WithName("Logout")
            .WithSummary("Signs out: { refreshToken }. 204; the refresh token and every other token of its sign-in stop working (access tokens already issued live out their few minutes).")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        group.MapGet("/me", MeAsync).WithName("Me").RequireAuthorization()
            .WithSummary("The signed-in user.").Produces<UserView>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        HttpRequest http, IClusterClient cluster, TokenService tokens, RefreshTokens refreshTokens, IPasswordHasher<UserProfile> hasher,
        IOptions<AuthOptions> options, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return problem;
        var fields = new FieldReader(body!);
        var email = fields.String("email", 254)?.Trim();
        var password = fields.String("password", PasswordPolicy.MaxLength);
        var displayName = fields.String("displayName", 100);
        fields.RejectUnknownFields();
        if (email is null) { if (!fields.Errors.ContainsKey("email")) fields.Error("email", "is required."); }
        else if (!IsEmail(email)) fields.Error("email", "must be an e-mail address.");
        if (password is null) { if (!fields.Errors.ContainsKey("password")) fields.Error("password", "is required."); }
        else if (email is not null && PasswordPolicy.Check(password, email) is { } weak) fields.Error("password", weak);
        if (fields.Errors.Count > 0) return TradingProblems.Validation(fields.Errors);

        var userId = $"u-{Guid.NewGuid():N}";
        var holder = await cluster.GetGrain<IUserEmailGrain>(IUserEmailGrain.Normalize(email!)).ClaimAsync(userId);
        if (holder != userId)
            return TypedResults.Problem(title: "E-mail taken", detail: "email: a user with this e-mail address exists.", statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "email", ["code"] = "email_taken" });

        var roles = new List<UserRole> { UserRole.Trader };
        if (options.Value.Admins.Contains(email!, StringComparer.OrdinalIgnoreCase)) roles.Add(UserRole.Admin);
        if (options.Value.Evaluators.Contains(email!, StringComparer.OrdinalIgnoreCase)) roles.Add(UserRole.Evaluator);
        var user = cluster.GetGrain<IUserGrain>(userId);
        var hash = hasher.HashPassword(null!, password!);
        await user.CreateAsync(new NewUser(email!, displayName, hash, roles, time.GetUtcNow()));
        var profile = (await user.GetProfileAsync())!;
        await cluster.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.ShardOf(userId)).AddAsync(userId);
        await audit.RecordAsync(http.HttpContext, AuditActions.Register, userId, AuditActions.Succeeded, userId: userId);
        return TypedResults.Created("/api/v1/auth/me", await SignInAsync(profile, tokens, refreshTokens));
    }

    private static async Task<IResult> LoginAsync(
        HttpRequest http, IClusterClient cluster, TokenService tokens, RefreshTokens refreshTokens, IPasswordHasher<UserProfile> hasher,
        AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return problem;
        var fields = new FieldReader(body!);
        var email = fields.String("email", 254)?.Trim();
        var password = fields.String("password", PasswordPolicy.MaxLength);
        var totpCode = fields.String("totpCode", 16)?.Trim();
        var recoveryCode = fields.String("recoveryCode", 64);
        fields.RejectUnknownFields();
        if (email is null && !fields.Errors.ContainsKey("email")) fields.Error("email", "is required.");
        if (password is null && !fields.Errors.ContainsKey("password")) fields.Error("password", "is required.");
        if (fields.Errors.Count > 0) return TradingProblems.Validation(fields.Errors);

        var now = time.GetUtcNow();
        var userId = await cluster.GetGrain<IUserEmailGrain>(IUserEmailGrain.Normalize(email!)).GetUserIdAsync();
        var user = userId is null ? null : cluster.GetGrain<IUserGrain>(userId);
        var credentials = user is null ? null : await user.GetCredentialsAsync();
        if (credentials?.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            await audit.RecordAsync(http.HttpContext, AuditActions.SignInFailed, userId, AuditActions.Failed, AuditActions.Reasons.LockedOut, userId);
            return Locked(http, lockedUntil, now);
        }

        // An unknown e-mail costs a hash check too, so the answer's timing does not tell which addresses exist.
        var verdict = hasher.VerifyHashedPassword(null!, credentials?.PasswordHash ?? UnknownUserHash(hasher), password!);
        var succeeded = credentials is not null && verdict is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
        if (user is null || credentials is null || !succeeded)
        {
            var reason = user is null ? AuditActions.Reasons.UnknownEmail : AuditActions.Reasons.WrongPassword;
            await audit.RecordAsync(http.HttpContext, AuditActions.SignInFailed, userId, AuditActions.Failed, reason, userId);
            if (user is not null)
            {
                var state = await user.RecordSignInAsync(new SignInAttempt(false, now));
                if (state.LockedUntil is { } until && until > now) return Locked(http, until, now);
            }
            return SignInFailed("The e-mail or password is wrong.", "invalid_credentials");
        }

        var method = "password";
        if (credentials.Profile.TwoFactorEnabled)
        {
            // The right password alone neither signs in nor clears the failure count: otherwise it would reset the
            // lockout between guesses at the second factor.
            if (totpCode is null && recoveryCode is null)
                return SignInFailed("This user has a second factor: send totpCode (or recoveryCode) with the password.", "second_factor_required");
            var proof = new SecondFactorProof(totpCode, recoveryCode is null ? null : RecoveryCodes.Hash(recoveryCode), now);
            var second = await user.VerifySecondFactorAsync(proof);
            if (second.Verdict is SecondFactorVerdict.Rejected or SecondFactorVerdict.LockedOut)
            {
                await audit.RecordAsync(http.HttpContext, AuditActions.SignInFailed, userId, AuditActions.Failed, AuditActions.Reasons.SecondFactor, userId);
                return second.State.LockedUntil is { } until && until > now
                    ? Locked(http, until, now)
                    : SignInFailed("The second factor is wrong or was already used.", "invalid_second_factor");
            }
            if (second.Verdict == SecondFactorVerdict.Accepted) method = totpCode is not null ? "password+totp" : "password+recovery_code";
        }

        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(null!, password!) : null;
        await user.RecordSignInAsync(new SignInAttempt(true, now, rehash));
        await audit.RecordAsync(http.HttpContext, AuditActions.SignIn, userId, AuditActions.Succeeded, method, userId);
        return TypedResults.Ok(await SignInAsync(credentials.Profile, tokens, refreshTokens));
    }

    private static async Task<IResult> RefreshAsync(
        HttpRequest http, IClusterClient cluster, TokenService tokens, RefreshTokens refreshTokens, AuditLog audit, CancellationToken cancellationToken)
    {
        var (token, problem) = await ReadRefreshTokenAsync(http, cancellationToken);
        if (problem is not null) return problem;
        var result = await refreshTokens.RotateAsync(token!);
        if (result.Status == RefreshTokenStatus.ReuseDetected)
            await audit.RecordAsync(http.HttpContext, AuditActions.RefreshReuseDetected, RefreshTokens.FamilyOf(token!), AuditActions.Failed,
                "a spent refresh token was presented again; every token of its sign-in is revoked", result.UserId);
        var profile = result is { Status: RefreshTokenStatus.Rotated, UserId: { } userId }
            ? await cluster.GetGrain<IUserGrain>(userId).GetProfileAsync()
            : null;
        if (profile is null || result.Next is null)
            return SignInFailed("The refresh token is spent, revoked, expired or unknown: sign in again.",
                result.Status == RefreshTokenStatus.ReuseDetected ? "refresh_token_reused" : "invalid_refresh_token");
        // The access token carries the user's roles as they are now, so a role change reaches a client at its next refresh.
        var access = tokens.Issue(profile);
        return TypedResults.Ok(new SignInResponse(UserView.From(profile), access.Token, access.ExpiresAt, result.Next.Token, result.Next.ExpiresAt));
    }

    private static async Task<IResult> LogoutAsync(HttpRequest http, RefreshTokens refreshTokens, AuditLog audit, CancellationToken cancellationToken)
    {
        var (token, problem) = await ReadRefreshTokenAsync(http, cancellationToken);
        if (problem is not null) return problem;
        // Unknown or foreign tokens get the same 204: signing out is idempotent and tells nothing.
        if (await refreshTokens.RevokeAsync(token!) is { } userId)
            await audit.RecordAsync(http.HttpContext, AuditActions.Logout, RefreshTokens.FamilyOf(token!), AuditActions.Succeeded, userId: userId);
        return TypedResults.NoContent();
    }

    private static async Task<(string? Token, IResult? Problem)> ReadRefreshTokenAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return (null, problem);
        var fields = new FieldReader(body!);
        var token = fields.String("refreshToken", 256);
        fields.RejectUnknownFields();
        if (token is null && !fields.Errors.ContainsKey("refreshToken")) fields.Error("refreshToken", "is required.");
        return fields.Errors.Count > 0 ? (null, TradingProblems.Validation(fields.Errors)) : (token, null);
    }

    private static async Task<SignInResponse> SignInAsync(UserProfile profile, TokenService tokens, RefreshTokens refreshTokens)
    {
        var access = tokens.Issue(profile);
        var refresh = await refreshTokens.StartAsync(profile.UserId);
        return new SignInResponse(UserView.From(profile), access.Token, access.ExpiresAt, refresh.Token, refresh.ExpiresAt);
    }

    private static IResult SignInFailed(string detail, string code) =>
        TypedResults.Problem(title: "Sign-in failed", detail: detail, statusCode: StatusCodes.Status401Unauthorized,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    private static async Task<IResult> MeAsync(HttpContext http, IClusterClient cluster)
    {
        var userId = http.User.UserId();
        var profile = userId is null ? null : await cluster.GetGrain<IUserGrain>(userId).GetProfileAsync();
        return profile is null
            ? TypedResults.Problem(title: "Unknown user", detail: "The token's user no longer exists.", statusCode: StatusCodes.Status401Unauthorized)
            : TypedResults.Ok(UserView.From(profile));
    }

    private static IResult Locked(HttpRequest http, DateTimeOffset until, DateTimeOffset now)
    {
        var seconds = (int)Math.Ceiling((until - now).TotalSeconds);
        http.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Locked out", detail: $"Too many failed sign-ins; try again after {until:O}.",
            statusCode: StatusCodes.Status423Locked, extensions: new Dictionary<string, object?> { ["code"] = "locked_out", ["lockedUntil"] = until });
    }

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('@') && !email.Any(char.IsWhiteSpace);

    private static string? unknownUserHash;

    private static string UnknownUserHash(IPasswordHasher<UserProfile> hasher) =>
        unknownUserHash ??= hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));
}
