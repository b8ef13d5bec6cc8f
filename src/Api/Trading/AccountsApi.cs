using System.Security.Claims;
using Crucible.Api.Identity;
using Crucible.Api.Markets;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Identity;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.Extensions.Options;

namespace Crucible.Api.Trading;

/// <summary>
/// Virtual accounts over REST: open (development), the caller's list, balances, positions and fills. Every route needs a
/// signed-in caller; an account the caller may not see answers 404 like an unknown one (docs/identity.md "Resource access").
/// </summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts").WithTags("Accounts").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", OpenAsync).WithName("OpenPaperAccount")
            .WithSummary("Opens a paper account owned by the caller: { accountId?, initialBalance, maxLeverage?, limitFillsToTopOfBook?, slippage?: { fixedBps, bpsPerLot } } (development; Crucible:PaperAccounts:Enabled). 409 when the id is taken.")
            .Produces<AccountSnapshot>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", ListAsync).WithName("ListAccounts").WithSummary("The caller's paper accounts, in the order they were opened.")
            .Produces<IReadOnlyList<AccountSnapshot>>();
        group.MapGet("/{accountId}", GetAsync).WithName("GetAccount").WithSummary("Balances, equity and exposure.")
            .Produces<AccountSnapshot>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{accountId}/positions", GetPositionsAsync).WithName("GetPositions")
            .Produces<IReadOnlyList<Position>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{accountId}/positions/{symbol}", ClosePositionAsync).WithName("ClosePosition")
            .WithSummary("Closes the whole position at market; returns the closing order. The symbol matches case-insensitively.")
            .Produces<Order>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{accountId}/fills", GetFillsAsync).WithName("GetFills").WithSummary("Fills, oldest first.")
            .Produces<IReadOnlyList<Fill>>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> OpenAsync(HttpRequest http, IClusterClient cluster, IOptions<PaperAccountOptions> options, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return TypedResults.Problem(title: "Paper accounts are disabled",
                detail: "This deployment does not open accounts on request (Crucible:PaperAccounts:Enabled is false).",
                statusCode: StatusCodes.Status403Forbidden);
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null)
            return problem;

        var fields = new FieldReader(body!);
        var accountId = fields.String("accountId", 64) ?? $"paper-{Guid.NewGuid():N}";
        var initialBalance = fields.Decimal("initialBalance");
        var maxLeverage = fields.Decimal("maxLeverage");
        var topOfBook = fields.Bool("limitFillsToTopOfBook");
        SlippageTerms? slippage = null;
        if (fields.Object("slippage") is { } slippageBody)
        {
            var s = new FieldReader(slippageBody, "slippage.");
            var fixedBps = s.Decimal("fixedBps") ?? 0m;
            var bpsPerLot = s.Decimal("bpsPerLot") ?? 0m;
            if (fixedBps is < 0 or > 1_000) s.Error("fixedBps", "must be from 0 to 1000 basis points.");
            if (bpsPerLot is < 0 or > 100) s.Error("bpsPerLot", "must be from 0 to 100 basis points.");
            s.RejectUnknownFields();
            fields.Merge(s);
            slippage = new SlippageTerms(fixedBps, bpsPerLot);
        }
        fields.RejectUnknownFields();
        if (!AccountId.IsValid(accountId))
            fields.Error("accountId", "must be 1–64 letters, digits, '-' or '_'.");
        else if (AssessmentIds.IsReserved(accountId))
            // An assessment opens its phase accounts itself; taking one in advance would give it an account without rules.
            fields.Error("accountId", $"ids starting with '{AssessmentIds.Prefix}' are reserved for assessment accounts.");
        if (initialBalance is null && !fields.Errors.ContainsKey("initialBalance"))
            fields.Error("initialBalance", "is required.");
        else if (initialBalance is <= 0 || initialBalance > options.Value.MaxInitialBalance || initialBalance % 0.01m != 0)
            fields.Error("initialBalance", $"must be a positive amount in whole cents, at most {options.Value.MaxInitialBalance}.");
        if (maxLeverage is <= 0 or > 100)
            fields.Error("maxLeverage", "must be above 0 and at most 100.");
        if (fields.Errors.Count > 0)
            return TradingProblems.Validation(fields.Errors);

        // An open account is never claimed (one opened through the grain API has no owner and must not gain one here);
        // a free id is claimed before it is opened, so two users racing for it cannot both get it.
        var userId = caller.UserId()!;
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        if (await book.GetAccountAsync() is not null || await cluster.GetGrain<IAccountOwnerGrain>(accountId).ClaimAsync(userId) != userId)
            return TypedResults.Problem(title: "Account exists", detail: $"An account with the id '{accountId}' is already open.",
                statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["accountId"] = accountId });
        await cluster.GetGrain<IUserGrain>(userId).AddAccountAsync(accountId);
        var terms = TradingTerms.Default with
        {
            MaxLeverage = maxLeverage ?? TradingTerms.Default.MaxLeverage,
            LimitFillsToTopOfBook = topOfBook ?? TradingTerms.Default.LimitFillsToTopOfBook,
            Slippage = slippage ?? TradingTerms.Default.Slippage,
        };
        var account = await book.OpenAsync(new OpenAccountRequest(initialBalance!.Value, terms));
        return TypedResults.Created($"/api/v1/accounts/{accountId}", account);
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal caller, IClusterClient cluster)
    {
        var ids = await cluster.GetGrain<IUserGrain>(caller.UserId()!).GetAccountsAsync();
        var accounts = await Task.WhenAll(ids.Select(id => cluster.GetGrain<IPositionBookGrain>(id).GetAccountAsync()));
        return TypedResults.Ok(accounts.OfType<AccountSnapshot>().ToList());
    }

    private static async Task<IResult> GetAsync(string accountId, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster) =>
        await WithAccountAsync(accountId, caller, access, cluster, async book => TypedResults.Ok(await book.GetAccountAsync()));

    private static async Task<IResult> GetPositionsAsync(string accountId, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster) =>
        await WithAccountAsync(accountId, caller, access, cluster, async book => TypedResults.Ok(await book.GetPositionsAsync()));

    private static async Task<IResult> GetFillsAsync(string accountId, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster) =>
        await WithAccountAsync(accountId, caller, access, cluster, async book => TypedResults.Ok(await book.GetFillsAsync()));

    private static async Task<IResult> ClosePositionAsync(string accountId, string symbol, HttpRequest http, ClaimsPrincipal caller, ResourceAccess access,
        IClusterClient cluster, InstrumentDirectory directory, CancellationToken cancellationToken)
    {
        if (await RefuseAsync(accountId, caller, access, Access.Own) is { } refused)
            return refused;
        if (JsonBody.RefuseBody(http) is { } problem)
            return problem;
        var canonical = await directory.CanonicalAsync(symbol, cancellationToken);
        return await CommandAsync(accountId, cluster, book => book.ClosePositionAsync(canonical), created: false);
    }

    /// <summary>
    /// Why the caller may not go on with a request on this account, or null when they may: 400 for a malformed id, 404
    /// for an account they may not see (the same answer as for one that does not exist, so ids cannot be probed), 403
    /// for a command by a caller who may only read it (an evaluator or admin).
    /// </summary>
    internal static async Task<IResult?> RefuseAsync(string accountId, ClaimsPrincipal caller, ResourceAccess access, Access needed)
    {
        if (!AccountId.IsValid(accountId))
            return AccountId.Invalid(accountId);
        var granted = await access.AccountAsync(caller, accountId);
        if (granted == Access.Hidden)
            return TradingProblems.UnknownAccount(accountId);
        return granted < needed
            ? TypedResults.Problem(title: "Read-only access", detail: $"You may read account '{accountId}' but only its owner may trade it.",
                statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["code"] = "not_owner", ["accountId"] = accountId })
            : null;
    }

    /// <summary>
    /// Runs an order command on an account the caller was allowed (<see cref="RefuseAsync"/>). The grain itself refuses
    /// an unknown account, so the order path makes one grain call, not an existence check first.
    /// </summary>
    internal static async Task<IResult> CommandAsync(string accountId, IClusterClient cluster,
        Func<IPositionBookGrain, Task<OrderCommandResult>> command, bool created)
    {
        var result = await command(cluster.GetGrain<IPositionBookGrain>(accountId));
        return result.Error is { Code: OrderErrorCode.UnknownAccount }
            ? TradingProblems.UnknownAccount(accountId)
            : OrdersApi.ToResult(result, created);
    }

    /// <summary>Runs a read on an open account the caller may read; a bad, unknown or hidden id gets its ProblemDetails.</summary>
    internal static async Task<IResult> WithAccountAsync(string accountId, ClaimsPrincipal caller, ResourceAccess access, IClusterClient cluster,
        Func<IPositionBookGrain, Task<IResult>> action) =>
        await RefuseAsync(accountId, caller, access, Access.Read) ?? await ReadAsync(accountId, cluster, action);

    /// <summary>Runs a read on an open account, once the caller was allowed to read it (<see cref="RefuseAsync"/>).</summary>
    internal static async Task<IResult> ReadAsync(string accountId, IClusterClient cluster, Func<IPositionBookGrain, Task<IResult>> action)
    {
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        if (await book.GetAccountAsync() is null)
            return TradingProblems.UnknownAccount(accountId);
        return await action(book);
    }
}
