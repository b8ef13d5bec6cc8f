using System.Security.Claims;
using Crucible.Api.Alpaca;
using Crucible.Api.Identity;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Watchlists;

namespace Crucible.Api.Watchlists;

/// <summary>
/// The caller's watchlists under <c>/api/v1/watchlists</c> (the same <see cref="IWatchlistsGrain"/> as Alpaca's
/// <c>/v2/watchlists</c>): list, create <c>{ name, symbols? }</c>, read, update <c>{ name?, symbols? }</c>, delete, add and
/// remove a symbol. Each user sees only their own: another user's id answers 404 like an unknown one.
/// </summary>
public static class WatchlistsApi
{
    public static IEndpointRouteBuilder MapWatchlistsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/watchlists").WithTags("Watchlists").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", async (ClaimsPrincipal caller, IClusterClient cluster) => TypedResults.Ok(await Grain(caller, cluster).ListAsync()))
            .WithName("ListWatchlists").Produces<IReadOnlyList<Watchlist>>();
        group.MapPost("/", CreateAsync).WithName("CreateWatchlist").WithSummary("Creates a watchlist: { name, symbols? }. 201; 422 for a taken name.")
            .Produces<Watchlist>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{watchlistId}", async (string watchlistId, ClaimsPrincipal caller, IClusterClient cluster) =>
            await Grain(caller, cluster).GetAsync(watchlistId) is { } list ? Results.Ok(list) : Problem(WatchlistError.NotFound))
            .WithName("GetWatchlist").Produces<Watchlist>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{watchlistId}", UpdateAsync).WithName("UpdateWatchlist").WithSummary("Renames it and/or replaces its symbols: { name?, symbols? }.")
            .Produces<Watchlist>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{watchlistId}", async (string watchlistId, HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster) =>
            JsonBody.RefuseBody(http) ?? (await Grain(caller, cluster).DeleteAsync(watchlistId) ? Results.NoContent() : Problem(WatchlistError.NotFound)))
            .WithName("DeleteWatchlist").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{watchlistId}/symbols", AddAsync).WithName("AddWatchlistSymbol").WithSummary("Adds { symbol } at the end.")
            .Produces<Watchlist>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{watchlistId}/symbols/{symbol}", RemoveAsync).WithName("RemoveWatchlistSymbol")
            .Produces<Watchlist>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static IWatchlistsGrain Grain(ClaimsPrincipal caller, IClusterClient cluster) => cluster.GetGrain<IWatchlistsGrain>(caller.UserId()!);

    private static async Task<IResult> CreateAsync(HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster, AlpacaSymbols symbols,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return problem;
        var (request, errors) = await WatchlistRequest.ReadAsync(body!, symbols, nameRequired: true);
        if (request is null) return TradingProblems.Validation(errors);
        var result = await Grain(caller, cluster).CreateAsync(request.Name!, request.Symbols ?? [], time.GetUtcNow());
        return result.Error is { } error ? Problem(error) : Results.Created($"/api/v1/watchlists/{result.Watchlist!.Id}", result.Watchlist);
    }

    private static async Task<IResult> UpdateAsync(string watchlistId, HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster,
        AlpacaSymbols symbols, TimeProvider time, CancellationToken cancellationToken)
    {
        var grain = Grain(caller, cluster);
        if (await grain.GetAsync(watchlistId) is null) return Problem(WatchlistError.NotFound);
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return problem;
        var (request, errors) = await WatchlistRequest.ReadAsync(body!, symbols, nameRequired: false);
        if (request is null) return TradingProblems.Validation(errors);
        return Answer(await grain.UpdateAsync(watchlistId, request.Name, request.Symbols, time.GetUtcNow()));
    }

    private static async Task<IResult> AddAsync(string watchlistId, HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster,
        AlpacaSymbols symbols, TimeProvider time, CancellationToken cancellationToken)
    {
        var grain = Grain(caller, cluster);
        if (await grain.GetAsync(watchlistId) is null) return Problem(WatchlistError.NotFound);
        var (body, problem) = await JsonBody.ReadObjectAsync(http, cancellationToken);
        if (problem is not null) return problem;
        var fields = new FieldReader(body!);
        var symbol = fields.String("symbol", 64);
        fields.RejectUnknownFields();
        if (symbol is null && !fields.Errors.ContainsKey("symbol")) fields.Error("symbol", "is required.");
        var spec = symbol is null ? null : await symbols.FindAsync(symbol);
        if (symbol is not null && spec is null) fields.Error("symbol", $"'{symbol}' is not in the catalog.");
        if (fields.Errors.Count > 0) return TradingProblems.Validation(fields.Errors);
        return Answer(await grain.AddSymbolAsync(watchlistId, spec!.Symbol, time.GetUtcNow()));
    }

    private static async Task<IResult> RemoveAsync(string watchlistId, string symbol, HttpRequest http, ClaimsPrincipal caller, IClusterClient cluster,
        AlpacaSymbols symbols, TimeProvider time)
    {
        if (JsonBody.RefuseBody(http) is { } refused) return refused;
        var canonical = await symbols.CanonicalAsync(Uri.UnescapeDataString(symbol));
        return Answer(await Grain(caller, cluster).RemoveSymbolAsync(watchlistId, canonical, time.GetUtcNow()));
    }

    private static IResult Answer(WatchlistResult result) => result.Error is { } error ? Problem(error) : Results.Ok(result.Watchlist);

    private static IResult Problem(WatchlistError error) => TypedResults.Problem(
        title: error == WatchlistError.NotFound ? "Unknown watchlist" : "Watchlist refused", detail: WatchlistRequest.Describe(error),
        statusCode: WatchlistRequest.StatusOf(error),
        extensions: new Dictionary<string, object?> { ["code"] = FieldReader.SnakeCase(error.ToString()) });
}
