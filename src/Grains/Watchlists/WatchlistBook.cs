using Crucible.Grains.Interfaces.Watchlists;

namespace Crucible.Grains.Watchlists;

/// <summary>
/// A user's watchlists and their rules: unique names, at most <see cref="IWatchlistsGrain.MaxWatchlists"/> lists of at most
/// <see cref="IWatchlistsGrain.MaxSymbols"/> symbols each, a symbol listed once. Pure; the grain stores <see cref="All"/>.
/// </summary>
public sealed class WatchlistBook(List<Watchlist> lists)
{
    public IReadOnlyList<Watchlist> All => lists;

    public Watchlist? Get(string id) => lists.FirstOrDefault(w => w.Id == id);

    public Watchlist? FindByName(string name) => lists.FirstOrDefault(w => w.Name == name);

    public WatchlistResult Create(string id, string name, IReadOnlyList<string> symbols, DateTimeOffset at)
    {
        if (lists.Count >= IWatchlistsGrain.MaxWatchlists) return new(null, WatchlistError.TooManyWatchlists);
        if (FindByName(name) is not null) return new(null, WatchlistError.NameTaken);
        var distinct = Distinct(symbols);
        if (distinct.Count > IWatchlistsGrain.MaxSymbols) return new(null, WatchlistError.TooManySymbols);
        var created = new Watchlist(id, name, distinct, at, at);
        lists.Add(created);
        return new(created);
    }

    public WatchlistResult Update(string id, string? name, IReadOnlyList<string>? symbols, DateTimeOffset at)
    {
        if (Get(id) is not { } current) return new(null, WatchlistError.NotFound);
        if (name is not null && name != current.Name && FindByName(name) is not null) return new(null, WatchlistError.NameTaken);
        var replaced = symbols is null ? current.Symbols : Distinct(symbols);
        if (replaced.Count > IWatchlistsGrain.MaxSymbols) return new(null, WatchlistError.TooManySymbols);
        return Save(current with { Name = name ?? current.Name, Symbols = replaced, UpdatedAt = at });
    }

    public WatchlistResult Add(string id, string symbol, DateTimeOffset at)
    {
        if (Get(id) is not { } current) return new(null, WatchlistError.NotFound);
        if (current.Symbols.Contains(symbol)) return new(current);
        if (current.Symbols.Count >= IWatchlistsGrain.MaxSymbols) return new(null, WatchlistError.TooManySymbols);
        return Save(current with { Symbols = [.. current.Symbols, symbol], UpdatedAt = at });
    }

    public WatchlistResult Remove(string id, string symbol, DateTimeOffset at)
    {
        if (Get(id) is not { } current) return new(null, WatchlistError.NotFound);
        if (!current.Symbols.Contains(symbol)) return new(null, WatchlistError.SymbolNotListed);
        return Save(current with { Symbols = [.. current.Symbols.Where(s => s != symbol)], UpdatedAt = at });
    }

    public bool Delete(string id) => lists.RemoveAll(w => w.Id == id) > 0;

    private WatchlistResult Save(Watchlist updated)
    {
        lists[lists.FindIndex(w => w.Id == updated.Id)] = updated;
        return new(updated);
    }

    private static List<string> Distinct(IEnumerable<string> symbols) => [.. symbols.Distinct(StringComparer.Ordinal)];
}
