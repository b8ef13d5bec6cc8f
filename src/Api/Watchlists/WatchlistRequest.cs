using System.Text.Json;
using System.Text.Json.Nodes;
using Crucible.Api.Alpaca;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Watchlists;

namespace Crucible.Api.Watchlists;

/// <summary>A watchlist body, <c>{ name?, symbols? }</c>, read and checked: names 1–64 printable characters, symbols from the catalog.</summary>
public sealed record WatchlistRequest(string? Name, IReadOnlyList<string>? Symbols)
{
    public const int MaxNameLength = 64;

    /// <summary>Reads the body; symbols are given in any spelling the catalog knows (BTC/USD, BTCUSD, BTC-USD) and kept in ours.</summary>
    public static async Task<(WatchlistRequest? Request, Dictionary<string, string[]> Errors)> ReadAsync(JsonObject body, AlpacaSymbols symbols,
        bool nameRequired)
    {
        var fields = new FieldReader(body);
        var name = fields.String("name", 256);
        if (name is not null && (name.Trim().Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl)))
            fields.Error("name", $"must be 1–{MaxNameLength} printable characters.");
        else if (name is null && nameRequired && !fields.Errors.ContainsKey("name"))
            fields.Error("name", "is required.");
        List<string>? list = null;
        if (body.TryGetPropertyValue("symbols", out var node) && node is not null)
        {
            if (node is not JsonArray array || array.Any(s => s?.GetValueKind() != JsonValueKind.String))
                fields.Error("symbols", "must be an array of symbols.");
            else if (array.Count > IWatchlistsGrain.MaxSymbols)
                fields.Error("symbols", $"may hold at most {IWatchlistsGrain.MaxSymbols} symbols.");
            else
            {
                list = [];
                var unknown = new List<string>();
                foreach (var text in array.Select(s => s!.GetValue<string>()))
                {
                    if (await symbols.FindAsync(text) is { } spec) list.Add(spec.Symbol);
                    else unknown.Add(text);
                }
                if (unknown.Count > 0) fields.Error("symbols", $"not in the catalog: {string.Join(", ", unknown.Take(10))}.");
            }
        }
        foreach (var extra in body.Select(p => p.Key).Where(k => k is not ("name" or "symbols")))
            fields.Error(extra, "is not a field of a watchlist.");
        return fields.Errors.Count > 0 ? (null, fields.Errors) : (new WatchlistRequest(name, list), fields.Errors);
    }

    public static string Describe(WatchlistError error) => error switch
    {
        WatchlistError.NotFound => "watchlist not found",
        WatchlistError.NameTaken => "a watchlist with this name already exists",
        WatchlistError.TooManyWatchlists => $"a user may keep at most {IWatchlistsGrain.MaxWatchlists} watchlists",
        WatchlistError.TooManySymbols => $"a watchlist may hold at most {IWatchlistsGrain.MaxSymbols} symbols",
        WatchlistError.SymbolNotListed => "the symbol is not in this watchlist",
        _ => error.ToString(),
    };

    public static int StatusOf(WatchlistError error) => error switch
    {
        WatchlistError.NotFound or WatchlistError.SymbolNotListed => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
