namespace Crucible.Grains.Interfaces.Watchlists;

/// <summary>
/// One user's watchlists (key: the user id). Generic: the Alpaca surface (<c>/v2/watchlists</c>), <c>/api/v1/watchlists</c>
/// and the dashboard all use it. Names are unique per user; callers pass symbols already checked against the catalog.
/// </summary>
[Alias("crucible.IWatchlistsGrain")]
public interface IWatchlistsGrain : IGrainWithStringKey
{
    public const int MaxWatchlists = 100;
    public const int MaxSymbols = 1000;

    /// <summary>The user's watchlists, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<Watchlist>> ListAsync();

    [Alias("Get")]
    Task<Watchlist?> GetAsync(string watchlistId);

    [Alias("FindByName")]
    Task<Watchlist?> FindByNameAsync(string name);

    [Alias("Create")]
    Task<WatchlistResult> CreateAsync(string name, IReadOnlyList<string> symbols, DateTimeOffset at);

    /// <summary>Renames it and/or replaces its symbols (null keeps the current value).</summary>
    [Alias("Update")]
    Task<WatchlistResult> UpdateAsync(string watchlistId, string? name, IReadOnlyList<string>? symbols, DateTimeOffset at);

    /// <summary>Appends a symbol; one already listed stays where it is.</summary>
    [Alias("AddSymbol")]
    Task<WatchlistResult> AddSymbolAsync(string watchlistId, string symbol, DateTimeOffset at);

    [Alias("RemoveSymbol")]
    Task<WatchlistResult> RemoveSymbolAsync(string watchlistId, string symbol, DateTimeOffset at);

    /// <summary>False when the user has no watchlist with this id.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string watchlistId);
}
