using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Crucible.Api.Watchlists;
using Crucible.Grains.Interfaces.Watchlists;
using Microsoft.AspNetCore.Mvc;

namespace Crucible.Api.Alpaca;

/// <summary>A watchlist as Alpaca's <c>Watchlist</c> object names its fields; the list endpoint leaves <see cref="Assets"/> out, as Alpaca's does.</summary>
public sealed record AlpacaWatchlistView(string Id, string AccountId, string CreatedAt, string UpdatedAt, string Name,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<AlpacaAssetView>? Assets);

/// <summary>
/// Alpaca's watchlists, by id and by name (<c>/v2/watchlists:by_name?name=</c>), on the caller's <see cref="IWatchlistsGrain"/>
/// (the one <c>/api/v1/watchlists</c> shows). Alpaca keeps watchlists per account; ours are the user's, whichever account the
/// key trades: <c>account_id</c> is the account the request resolved to.
/// </summary>
public static class AlpacaWatchlistsApi
{
    public static RouteGroupBuilder MapAlpacaWatchlistsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/watchlists", ListAsync).WithName("AlpacaListWatchlists");
        v2.MapPost("/watchlists", CreateAsync).WithName("AlpacaCreateWatchlist");
        v2.MapGet("/watchlists/{watchlistId}", (string watchlistId, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory) =>
            WithListAsync(http, accounts, cluster, directory, g => g.GetAsync(watchlistId), (_, list, account) => ViewAsync(list, account, directory)));
        v2.MapGet("/watchlists:by_name", ([FromQuery] string? name, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory) =>
            WithListAsync(http, accounts, cluster, directory, g => g.FindByNameAsync(name ?? ""), (_, list, account) => ViewAsync(list, account, directory)));
        v2.MapPut("/watchlists/{watchlistId}", (string watchlistId, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory,
            AlpacaSymbols symbols, TimeProvider time) =>
            WithListAsync(http, accounts, cluster, directory, g => g.GetAsync(watchlistId), (g, list, account) => UpdateAsync(http, g, list, account, symbols, directory, time)));
        v2.MapPut("/watchlists:by_name", ([FromQuery] string? name, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory,
            AlpacaSymbols symbols, TimeProvider time) =>
            WithListAsync(http, accounts, cluster, directory, g => g.FindByNameAsync(name ?? ""), (g, list, account) => UpdateAsync(http, g, list, account, symbols, directory, time)));
        v2.MapPost("/watchlists/{watchlistId}", (string watchlistId, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory,
            AlpacaSymbols symbols, TimeProvider time) =>
            WithListAsync(http, accounts, cluster, directory, g => g.GetAsync(watchlistId), (g, list, account) => AddAsync(http, g, list, account, symbols, directory, time)));
        v2.MapPost("/watchlists:by_name", ([FromQuery] string? name, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory,
            AlpacaSymbols symbols, TimeProvider time) =>
            WithListAsync(http, accounts, cluster, directory, g => g.FindByNameAsync(name ?? ""), (g, list, account) => AddAsync(http, g, list, account, symbols, directory, time)));
        v2.MapDelete("/watchlists/{watchlistId}", (string watchlistId, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory) =>
            WithListAsync(http, accounts, cluster, directory, g => g.GetAsync(watchlistId), async (g, list, _) =>
                JsonBody.RefuseBody(http.Request) ?? (await g.DeleteAsync(list.Id) ? Results.NoContent() : AlpacaErrors.NotFound("watchlist not found"))));
        v2.MapDelete("/watchlists:by_name", ([FromQuery] string? name, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory) =>
            WithListAsync(http, accounts, cluster, directory, g => g.FindByNameAsync(name ?? ""), async (g, list, _) =>
                JsonBody.RefuseBody(http.Request) ?? (await g.DeleteAsync(list.Id) ? Results.NoContent() : AlpacaErrors.NotFound("watchlist not found"))));
        v2.MapDelete("/watchlists/{watchlistId}/{symbol}", (string watchlistId, string symbol, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster,
            InstrumentDirectory directory, AlpacaSymbols symbols, TimeProvider time) =>
            WithListAsync(http, accounts, cluster, directory, g => g.GetAsync(watchlistId), async (g, list, account) =>
                JsonBody.RefuseBody(http.Request) ?? await AnswerAsync(await g.RemoveSymbolAsync(list.Id, await symbols.CanonicalAsync(Uri.UnescapeDataString(symbol)), time.GetUtcNow()), account, directory)));
        return v2;
    }

    private static async Task<IResult> ListAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster)
    {
        var account = await accounts.ResolveAsync(http);
        if (account.AccountId is not { } accountId) return account.Refused();
        var lists = await WatchlistsApi.Grain(http.User, cluster).ListAsync();
        return AlpacaJson.Ok(lists.Select(l => new AlpacaWatchlistView(l.Id, accountId, AlpacaJson.Time(l.CreatedAt), AlpacaJson.Time(l.UpdatedAt), l.Name, null)).ToList());
    }

    private static async Task<IResult> CreateAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols,
        InstrumentDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var account = await accounts.ResolveAsync(http);
        if (account.AccountId is not { } accountId) return account.Refused();
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var (request, errors) = await WatchlistRequest.ReadAsync(body!, symbols, nameRequired: true);
        if (request is null) return AlpacaErrors.Validation(errors);
        return await AnswerAsync(await WatchlistsApi.Grain(http.User, cluster).CreateAsync(request.Name!, request.Symbols ?? [], time.GetUtcNow()), accountId, directory);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, IWatchlistsGrain grain, Watchlist list, string accountId, AlpacaSymbols symbols,
        InstrumentDirectory directory, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, http.RequestAborted);
        if (problem is not null) return problem;
        var (request, errors) = await WatchlistRequest.ReadAsync(body!, symbols, nameRequired: false);
        if (request is null) return AlpacaErrors.Validation(errors);
        return await AnswerAsync(await grain.UpdateAsync(list.Id, request.Name, request.Symbols, time.GetUtcNow()), accountId, directory);
    }

    private static async Task<IResult> AddAsync(HttpContext http, IWatchlistsGrain grain, Watchlist list, string accountId, AlpacaSymbols symbols,
        InstrumentDirectory directory, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, http.RequestAborted);
        if (problem is not null) return problem;
        var fields = new FieldReader(body!);
        var symbol = fields.String("symbol", 64);
        fields.RejectUnknownFields();
        if (symbol is null && !fields.Errors.ContainsKey("symbol")) fields.Error("symbol", "is required.");
        if (fields.Errors.Count > 0) return AlpacaErrors.Validation(fields.Errors);
        if (await symbols.FindAsync(symbol) is not { } spec) return AlpacaErrors.Invalid("symbol", $"'{symbol}' is not in the catalog.");
        return await AnswerAsync(await grain.AddSymbolAsync(list.Id, spec.Symbol, time.GetUtcNow()), accountId, directory);
    }

    private static async Task<IResult> WithListAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, InstrumentDirectory directory,
        Func<IWatchlistsGrain, Task<Watchlist?>> find, Func<IWatchlistsGrain, Watchlist, string, Task<IResult>> action)
    {
        var account = await accounts.ResolveAsync(http);
        if (account.AccountId is not { } accountId) return account.Refused();
        var grain = WatchlistsApi.Grain(http.User, cluster);
        return await find(grain) is { } list ? await action(grain, list, accountId) : AlpacaErrors.NotFound("watchlist not found");
    }

    private static async Task<IResult> AnswerAsync(WatchlistResult result, string accountId, InstrumentDirectory directory) =>
        result.Error is { } error
            ? AlpacaErrors.Result(WatchlistRequest.StatusOf(error), WatchlistRequest.Describe(error))
            : await ViewAsync(result.Watchlist!, accountId, directory);

    private static async Task<IResult> ViewAsync(Watchlist list, string accountId, InstrumentDirectory directory)
    {
        var assets = new List<AlpacaAssetView>();
        foreach (var symbol in list.Symbols)
            if (await directory.FindAsync(symbol) is { } spec) assets.Add(AlpacaViews.Asset(spec));
        return AlpacaJson.Ok(new AlpacaWatchlistView(list.Id, accountId, AlpacaJson.Time(list.CreatedAt), AlpacaJson.Time(list.UpdatedAt), list.Name, assets));
    }
}
