using Crucible.Api.Markets;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.Extensions.Options;

namespace Crucible.Api.Trading;

/// <summary>Virtual accounts over REST: open (development), balances, positions and fills.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts").WithTags("Accounts");
        group.MapPost("/", OpenAsync).WithName("OpenPaperAccount")
            .WithSummary("Opens a paper account: { accountId?, initialBalance, maxLeverage?, limitFillsToTopOfBook?, slippage?: { fixedBps, bpsPerLot } } (development; Crucible:PaperAccounts:Enabled).")
            .Produces<AccountSnapshot>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/{accountId}", GetAsync).WithName("GetAccount").WithSummary("Balances, equity and exposure.")
            .Produces<AccountSnapshot>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{accountId}/positions", GetPositionsAsync).WithName("GetPositions")
            .Produces<IReadOnlyList<Position>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{accountId}/positions/{symbol}", ClosePositionAsync).WithName("ClosePosition")
            .WithSummary("Closes the whole position at market; returns the closing order. The symbol matches case-insensitively.")
            .Produces<Order>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{accountId}/fills", GetFillsAsync).WithName("GetFills").WithSummary("Fills, oldest first.")
            .Produces<IReadOnlyList<Fill>>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> OpenAsync(HttpRequest http, IClusterClient cluster, IOptions<PaperAccountOptions> options, CancellationToken cancellationToken)
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

        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        if (await book.GetAccountAsync() is not null)
            return TypedResults.Problem(title: "Account exists", detail: $"An account with the id '{accountId}' is already open.",
                statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["accountId"] = accountId });
        var terms = TradingTerms.Default with
        {
            MaxLeverage = maxLeverage ?? TradingTerms.Default.MaxLeverage,
            LimitFillsToTopOfBook = topOfBook ?? TradingTerms.Default.LimitFillsToTopOfBook,
            Slippage = slippage ?? TradingTerms.Default.Slippage,
        };
        var account = await book.OpenAsync(new OpenAccountRequest(initialBalance!.Value, terms));
        return TypedResults.Created($"/api/v1/accounts/{accountId}", account);
    }

    private static async Task<IResult> GetAsync(string accountId, IClusterClient cluster)
    {
        if (!AccountId.IsValid(accountId))
            return AccountId.Invalid(accountId);
        return await cluster.GetGrain<IPositionBookGrain>(accountId).GetAccountAsync() is { } account
            ? TypedResults.Ok(account)
            : TradingProblems.UnknownAccount(accountId);
    }

    private static async Task<IResult> GetPositionsAsync(string accountId, IClusterClient cluster) =>
        await WithAccountAsync(accountId, cluster, async book => TypedResults.Ok(await book.GetPositionsAsync()));

    private static async Task<IResult> GetFillsAsync(string accountId, IClusterClient cluster) =>
        await WithAccountAsync(accountId, cluster, async book => TypedResults.Ok(await book.GetFillsAsync()));

    private static async Task<IResult> ClosePositionAsync(string accountId, string symbol, HttpRequest http, IClusterClient cluster,
        InstrumentDirectory directory, CancellationToken cancellationToken)
    {
        if (JsonBody.RefuseBody(http) is { } problem)
            return problem;
        var canonical = await directory.CanonicalAsync(symbol, cancellationToken);
        return await CommandAsync(accountId, cluster, book => book.ClosePositionAsync(canonical), created: false);
    }

    /// <summary>
    /// Runs an order command. The grain itself refuses an unknown account, so the order path makes one grain
    /// call, not an existence check first.
    /// </summary>
    internal static async Task<IResult> CommandAsync(string accountId, IClusterClient cluster,
        Func<IPositionBookGrain, Task<OrderCommandResult>> command, bool created)
    {
        if (!AccountId.IsValid(accountId))
            return AccountId.Invalid(accountId);
        var result = await command(cluster.GetGrain<IPositionBookGrain>(accountId));
        return result.Error is { Code: OrderErrorCode.UnknownAccount }
            ? TradingProblems.UnknownAccount(accountId)
            : OrdersApi.ToResult(result, created);
    }

    /// <summary>Runs a read on an open account; a bad or unknown id gets its ProblemDetails.</summary>
    internal static async Task<IResult> WithAccountAsync(string accountId, IClusterClient cluster, Func<IPositionBookGrain, Task<IResult>> action)
    {
        if (!AccountId.IsValid(accountId))
            return AccountId.Invalid(accountId);
        var book = cluster.GetGrain<IPositionBookGrain>(accountId);
        if (await book.GetAccountAsync() is null)
            return TradingProblems.UnknownAccount(accountId);
        return await action(book);
    }
}
