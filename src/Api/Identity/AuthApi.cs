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

/// <summary>What a successful sign-in returns: the user and a bearer access token.</summary>
public sealed record SignInResponse(UserView User, string AccessToken, DateTimeOffset AccessTokenExpiresAt, string TokenType = "Bearer");

/// <summary>Registration and sign-in under <c>/api/v1/auth</c> (docs/identity.md).</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Identity");
        group.MapPost("/register", RegisterAsync).WithName("Register")
            .WithSummary("Creates a user: { email, password, displayName? }. 201 with the user and an access token; 409 when the e-mail is taken.")
            .Produces<SignInResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/login", LoginAsync).WithName("Login")
            .WithSummary("Signs in: { email, password }. 200 with an access token; 401 for a wrong e-mail or password; 423 while locked out.")
            .Produces<SignInResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked);
        group.MapGet("/me", MeAsync).WithName("Me").RequireAuthorization()
            .WithSummary("The signed-in user.").Produces<UserView>().ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        HttpRequest http, IClusterClient cluster, TokenService tokens, IPasswordHasher<UserProfile> hasher, IOptions<AuthOptions> options,
        TimeProvider time, ILogger<TokenService> logger, CancellationToken cancellationToken)
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
        logger.LogInformation("User {UserId} registered from {RemoteIp}", userId, http.HttpContext.Connection.RemoteIpAddress);
        var token = tokens.Issue(profile);
        return TypedResults.Created("/api/v1/auth/me", new SignInResponse(UserView.From(profile), token.Token, token.ExpiresAt));
    }

    private static async Task<IResult> LoginAsync(
        HttpRequest http, IClusterClient cluster, TokenService tokens, IPasswordHasher<UserProfile> hasher, TimeProvider time,
        ILogger<TokenService> logger, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return problem;
        var fields = new FieldReader(body!);
        var email = fields.String("email", 254)?.Trim();
        var password = fields.String("password", PasswordPolicy.MaxLength);
        fields.RejectUnknownFields();
        if (email is null && !fields.Errors.ContainsKey("email")) fields.Error("email", "is required.");
        if (password is null && !fields.Errors.ContainsKey("password")) fields.Error("password", "is required.");
        if (fields.Errors.Count > 0) return TradingProblems.Validation(fields.Errors);

        var now = time.GetUtcNow();
        var userId = await cluster.GetGrain<IUserEmailGrain>(IUserEmailGrain.Normalize(email!)).GetUserIdAsync();
        var user = userId is null ? null : cluster.GetGrain<IUserGrain>(userId);
        var credentials = user is null ? null : await user.GetCredentialsAsync();
        if (credentials?.LockedUntil is { } lockedUntil && lockedUntil > now)
            return Locked(http, lockedUntil, now);

        // An unknown e-mail costs a hash check too, so the answer's timing does not tell which addresses exist.
        var verdict = hasher.VerifyHashedPassword(null!, credentials?.PasswordHash ?? UnknownUserHash(hasher), password!);
        var succeeded = credentials is not null && verdict is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
        if (user is null || credentials is null || !succeeded)
        {
            if (user is not null)
            {
                var state = await user.RecordSignInAsync(new SignInAttempt(false, now));
                logger.LogWarning("Failed sign-in for {UserId} from {RemoteIp} ({Failures} in a row)", userId, http.HttpContext.Connection.RemoteIpAddress, state.ConsecutiveFailures);
                if (state.LockedUntil is { } until && until > now) return Locked(http, until, now);
            }
            else
            {
                logger.LogWarning("Failed sign-in for an unknown e-mail from {RemoteIp}", http.HttpContext.Connection.RemoteIpAddress);
            }
            return TypedResults.Problem(title: "Sign-in failed", detail: "The e-mail or password is wrong.", statusCode: StatusCodes.Status401Unauthorized,
                extensions: new Dictionary<string, object?> { ["code"] = "invalid_credentials" });
        }

        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(null!, password!) : null;
        await user.RecordSignInAsync(new SignInAttempt(true, now, rehash));
        logger.LogInformation("User {UserId} signed in from {RemoteIp}", userId, http.HttpContext.Connection.RemoteIpAddress);
        var token = tokens.Issue(credentials.Profile);
        return TypedResults.Ok(new SignInResponse(UserView.From(credentials.Profile), token.Token, token.ExpiresAt));
    }

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
