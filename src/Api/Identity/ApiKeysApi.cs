using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Api.Identity;

/// <summary>A new key: the only answer that ever shows its secret.</summary>
public sealed record ApiKeyCreated(string KeyId, string Secret, string Name, DateTimeOffset CreatedAt);

/// <summary>A key as its owner's list shows it: never the secret.</summary>
public sealed record ApiKeyView(string KeyId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool Revoked, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView From(ApiKeyInfo k) => new(k.KeyId, k.Name, k.CreatedAt, k.LastUsedAt, k.Revoked, k.RevokedAt);
}

/// <summary>
/// API keys for bots under <c>/api/v1/auth/keys</c> (docs/identity.md "API keys"). Only a person signed in with an access
/// token manages keys: a key that could mint keys would outlive its own revocation.
/// </summary>
public static class ApiKeysApi
{
    public const int MaxNameLength = 64;

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth/keys").WithTags("Identity").RequireAuthorization(ApiKeyAuthentication.PersonPolicy);
        group.MapPost("/", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Creates an API key: { name }. 201 with { keyId, secret, name, createdAt }; the secret is shown this once. 403 with an API key.")
            .Produces<ApiKeyCreated>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("The caller's keys, oldest first, revoked ones included; never a secret.")
            .Produces<IReadOnlyList<ApiKeyView>>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revokes one of the caller's keys at once. 204; 404 when it is not theirs.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IClusterClient cluster, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var fields = new FieldReader(body!);
        var name = fields.String("name", MaxNameLength)?.Trim();
        fields.RejectUnknownFields();
        if (name is null) { if (!fields.Errors.ContainsKey("name")) fields.Error("name", "is required."); }
        else if (name.Length == 0 || name.Any(char.IsControl)) fields.Error("name", $"must be 1–{MaxNameLength} printable characters.");
        if (fields.Errors.Count > 0) return TradingProblems.Validation(fields.Errors);

        var userId = http.User.UserId()!;
        var user = cluster.GetGrain<IUserGrain>(userId);
        if (await user.GetProfileAsync() is null)
            return TypedResults.Problem(title: "Unknown user", detail: "The token's user no longer exists.", statusCode: StatusCodes.Status401Unauthorized);
        if ((await user.GetApiKeysAsync()).Count >= IUserGrain.MaxApiKeys) return TooManyKeys();

        var secret = Secrets.New();
        var key = new NewApiKey(userId, name!, Secrets.Hash(secret), time.GetUtcNow());
        var keyId = ApiKeyCredentials.NewKeyId();
        // 36^18 ids make a collision all but impossible; the grain refuses one anyway, and a fresh id is drawn.
        while (!await cluster.GetGrain<IApiKeyGrain>(keyId).CreateAsync(key))
            keyId = ApiKeyCredentials.NewKeyId();
        if (!await user.AddApiKeyAsync(keyId))
        {
            // Another request took the last slot meanwhile: this key must not work unlisted.
            await cluster.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(userId, key.CreatedAt);
            return TooManyKeys();
        }
        await audit.RecordAsync(http, "api_key_created", keyId, "success", $"name: {name}");
        return TypedResults.Created($"/api/v1/auth/keys/{keyId}", new ApiKeyCreated(keyId, secret, name!, key.CreatedAt));
    }

    private static async Task<IResult> ListAsync(HttpContext http, IClusterClient cluster)
    {
        var ids = await cluster.GetGrain<IUserGrain>(http.User.UserId()!).GetApiKeysAsync();
        var keys = await Task.WhenAll(ids.Select(id => cluster.GetGrain<IApiKeyGrain>(id).GetAsync()));
        return TypedResults.Ok(keys.OfType<ApiKeyInfo>().Select(ApiKeyView.From).ToList());
    }

    private static async Task<IResult> RevokeAsync(string keyId, HttpContext http, IClusterClient cluster, AuditLog audit, TimeProvider time,
        ApiKeyRevocations revocations)
    {
        var userId = http.User.UserId()!;
        // Another user's key, or none: the same 404, so key ids cannot be probed.
        if (!ApiKeyCredentials.IsKeyId(keyId)) return NoSuchKey();
        if (!await cluster.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(userId, time.GetUtcNow()))
        {
            await audit.RecordAsync(http, "api_key_revoked", keyId, "not_found");
            return NoSuchKey();
        }
        await audit.RecordAsync(http, "api_key_revoked", keyId, "success");
        revocations.Announce(keyId);
        return TypedResults.NoContent();
    }

    private static IResult NoSuchKey() =>
        TypedResults.Problem(title: "No such key", detail: "You have no API key with this id.", statusCode: StatusCodes.Status404NotFound);

    private static IResult TooManyKeys() => TypedResults.Problem(title: "Too many API keys",
        detail: $"A user may hold at most {IUserGrain.MaxApiKeys} API keys, revoked ones included.", statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["code"] = "too_many_api_keys" });
}
