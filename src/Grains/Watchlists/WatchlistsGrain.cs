using Crucible.Grains.Interfaces.Watchlists;

namespace Crucible.Grains.Watchlists;

[GenerateSerializer, Alias("crucible.WatchlistsState")]
public sealed class WatchlistsState
{
    [Id(0)] public List<Watchlist> Lists { get; set; } = [];
}

/// <summary>One user's watchlists in grain storage; the rules are <see cref="WatchlistBook"/>'s. A refused command writes nothing.</summary>
public sealed class WatchlistsGrain(
    [PersistentState("watchlists", StorageNames.Default)] IPersistentState<WatchlistsState> state) : Grain, IWatchlistsGrain
{
    private WatchlistBook Book => new(state.State.Lists);

    Task<IReadOnlyList<Watchlist>> IWatchlistsGrain.ListAsync() => Task.FromResult<IReadOnlyList<Watchlist>>([.. state.State.Lists]);

    Task<Watchlist?> IWatchlistsGrain.GetAsync(string watchlistId) => Task.FromResult(Book.Get(watchlistId));

    Task<Watchlist?> IWatchlistsGrain.FindByNameAsync(string name) => Task.FromResult(Book.FindByName(name));

    Task<WatchlistResult> IWatchlistsGrain.CreateAsync(string name, IReadOnlyList<string> symbols, DateTimeOffset at) =>
        SaveAsync(Book.Create(Guid.NewGuid().ToString(), name, symbols, at));

    Task<WatchlistResult> IWatchlistsGrain.UpdateAsync(string watchlistId, string? name, IReadOnlyList<string>? symbols, DateTimeOffset at) =>
        SaveAsync(Book.Update(watchlistId, name, symbols, at));

    Task<WatchlistResult> IWatchlistsGrain.AddSymbolAsync(string watchlistId, string symbol, DateTimeOffset at) =>
        SaveAsync(Book.Add(watchlistId, symbol, at));

    Task<WatchlistResult> IWatchlistsGrain.RemoveSymbolAsync(string watchlistId, string symbol, DateTimeOffset at) =>
        SaveAsync(Book.Remove(watchlistId, symbol, at));

    async Task<bool> IWatchlistsGrain.DeleteAsync(string watchlistId)
    {
        if (!Book.Delete(watchlistId)) return false;
        await state.WriteStateAsync();
        return true;
    }

    private async Task<WatchlistResult> SaveAsync(WatchlistResult result)
    {
        if (result.Error is null) await state.WriteStateAsync();
        return result;
    }
}
