using System.Globalization;
using System.Text.Json.Nodes;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Identity;

/// <summary>A page of users, in user-id order; <see cref="Next"/> is the <c>after</c> of the next page, null on the last.</summary>
public sealed record UserPage(IReadOnlyList<UserView> Users, string? Next);

/// <summary>One user as an admin sees them.</summary>
public sealed record AdminUserView(UserView User, IReadOnlyList<string> Accounts, DateTimeOffset? LockedUntil);

/// <summary>Audit entries in a time range, newest first.</summary>
public sealed record AuditPage(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<AuditEntry> Entries);

/// <summary>User, role and audit-log administration under <c>/api/v1/admin</c>, for admins only (docs/identity.md "Admin").</summary>
public static class AdminApi
{
    public const int DefaultUserPage = 50;
    public const int MaxUserPage = 200;
    public const int DefaultAuditLimit = 100;
    public const int MaxAuditLimit = 1000;
    public const int MaxAuditDays = 31;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        group.MapGet("/users", ListUsersAsync).WithName("AdminListUsers")
            .WithSummary($"Users in user-id order, ?after=&limit= (default {DefaultUserPage}, at most {MaxUserPage}); next is the after of the next page.")
            .Produces<UserPage>().ProducesValidationProblem();
        group.MapGet("/users/{userId}", GetUserAsync).WithName("AdminGetUser")
            .WithSummary("One user: profile, paper accounts and lockout.").Produces<AdminUserView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/users/{userId}/roles", SetRolesAsync).WithName("AdminSetRoles")
            .WithSummary("Replaces a user's roles: { roles: [\"evaluator\", ...] } (trader is always kept). Tokens carry the new roles from the user's next sign-in or refresh.")
            .Produces<UserView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/audit", AuditAsync).WithName("AdminAudit")
            .WithSummary($"Audit entries newest first, ?from=&to= (dates or date-times, UTC; default today; at most {MaxAuditDays} days), &action=&userId=&limit= (default {DefaultAuditLimit}, at most {MaxAuditLimit}).")
            .Produces<AuditPage>().ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> ListUsersAsync(IClusterClient cluster, string? after, string? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = ReadLimit(limit, DefaultUserPage, MaxUserPage, errors);
        if (errors.Count > 0) return TradingProblems.Validation(errors);

        // Each shard gives its first size+1 ids after the cursor; the merged first size+1 say whether a next page exists.
        var shards = await Task.WhenAll(IUserDirectoryGrain.Shards.Select(shard =>
            cluster.GetGrain<IUserDirectoryGrain>(shard.ToString()).ListAsync(after, size + 1)));
        var ids = shards.SelectMany(ids => ids).Order(StringComparer.Ordinal).Take(size + 1).ToList();
        var page = ids.Take(size).ToList();
        var profiles = await Task.WhenAll(page.Select(id => cluster.GetGrain<IUserGrain>(id).GetProfileAsync()));
        return TypedResults.Ok(new UserPage([.. profiles.OfType<UserProfile>().Select(UserView.From)], ids.Count > size ? page[^1] : null));
    }

    private static async Task<IResult> GetUserAsync(IClusterClient cluster, string userId)
    {
        var user = cluster.GetGrain<IUserGrain>(userId);
        if (await user.GetCredentialsAsync() is not { } credentials) return UnknownUser(userId);
        return TypedResults.Ok(new AdminUserView(UserView.From(credentials.Profile), await user.GetAccountsAsync(), credentials.LockedUntil));
    }

    private static async Task<IResult> SetRolesAsync(HttpContext http, IClusterClient cluster, AuditLog audit, string userId, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var roles = ReadRoles(body!, errors);
        if (errors.Count > 0) return TradingProblems.Validation(errors);

        var user = cluster.GetGrain<IUserGrain>(userId);
        if (await user.GetProfileAsync() is not { } before) return UnknownUser(userId);
        // An admin cannot take their own admin role away: the last admin would otherwise lock everyone out of this API.
        if (userId == http.User.UserId() && !roles.Contains(UserRole.Admin))
            return TypedResults.Problem(title: "Own admin role", detail: "roles: you cannot remove your own admin role; another admin can.",
                statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["field"] = "roles", ["code"] = "own_admin_role" });
        var after = (await user.SetRolesAsync(roles))!;
        await audit.RecordAsync(http, AuditActions.RolesChanged, userId, AuditActions.Succeeded, $"{Names(before.Roles)} -> {Names(after.Roles)}");
        return TypedResults.Ok(UserView.From(after));
    }

    private static async Task<IResult> AuditAsync(
        IClusterClient cluster, TimeProvider time, string? from, string? to, string? action, string? userId, string? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        // Without to: up to now. Without from: from the start of to's UTC day. So no range at all means today so far.
        var end = ReadInstant(to, "to", endOfDay: true, errors) ?? now;
        var start = ReadInstant(from, "from", endOfDay: false, errors) ?? new DateTimeOffset(end.UtcDateTime.Date, TimeSpan.Zero);
        var size = ReadLimit(limit, DefaultAuditLimit, MaxAuditLimit, errors);
        var days = (end.UtcDateTime.Date - start.UtcDateTime.Date).Days + 1;
        if (errors.Count == 0 && end < start) errors["to"] = ["must not be before from."];
        else if (errors.Count == 0 && days > MaxAuditDays) errors["from"] = [$"the range spans {days} days; at most {MaxAuditDays}."];
        if (errors.Count > 0) return TradingProblems.Validation(errors);

        var dayKeys = Enumerable.Range(0, days).Select(d => IAuditTrailGrain.DayOf(end.AddDays(-d))).ToList();
        var trails = await Task.WhenAll(dayKeys.Select(day => cluster.GetGrain<IAuditTrailGrain>(day).ListAsync()));
        var entries = trails
            .SelectMany(trail => trail.Reverse())
            .Where(e => e.At >= start && e.At <= end)
            .Where(e => action is null || e.Action == action)
            .Where(e => userId is null || e.UserId == userId)
            .Take(size)
            .ToList();
        return TypedResults.Ok(new AuditPage(start, end, entries));
    }

    private static List<UserRole> ReadRoles(JsonObject body, Dictionary<string, string[]> errors)
    {
        var roles = new List<UserRole>();
        foreach (var (name, _) in body)
            if (name != "roles") errors[name] = ["is not a field of this request."];
        if (!body.TryGetPropertyValue("roles", out var node) || node is not JsonArray array)
        {
            errors["roles"] = ["is required: an array of role names (trader, evaluator, admin)."];
            return roles;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var role = array[i] is JsonValue value && value.TryGetValue<string>(out var text)
                ? Enum.GetValues<UserRole>().Where(r => Caller.RoleName(r) == text).Cast<UserRole?>().FirstOrDefault()
                : null;
            if (role is { } known) roles.Add(known);
            else errors[$"roles[{i}]"] = [$"must be one of: {Names(Enum.GetValues<UserRole>())}."];
        }
        return roles;
    }

    private static int ReadLimit(string? text, int fallback, int max, Dictionary<string, string[]> errors)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 && limit <= max) return limit;
        errors["limit"] = [$"must be a whole number from 1 to {max}."];
        return fallback;
    }

    /// <summary>A date (the start of that UTC day, or its last tick for <paramref name="endOfDay"/>) or an ISO 8601 date-time.</summary>
    private static DateTimeOffset? ReadInstant(string? text, string name, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return instant;
        errors[name] = ["must be a date (yyyy-MM-dd) or an ISO 8601 date-time."];
        return null;
    }

    private static string Names(IEnumerable<UserRole> roles) => string.Join(",", roles.Select(Caller.RoleName));

    private static IResult UnknownUser(string userId) => TypedResults.Problem(title: "Unknown user", detail: $"No user has the id '{userId}'.",
        statusCode: StatusCodes.Status404NotFound);
}
