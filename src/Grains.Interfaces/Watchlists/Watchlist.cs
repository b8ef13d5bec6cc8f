namespace Crucible.Grains.Interfaces.Watchlists;

/// <summary>A named list of the catalog's symbols (in the catalog's spelling), owned by one user.</summary>
[GenerateSerializer, Immutable, Alias("crucible.Watchlist")]
public sealed record Watchlist(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Symbols,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt);

[GenerateSerializer, Alias("crucible.WatchlistError")]
public enum WatchlistError
{
    NotFound = 0,
    /// <summary>Another of the user's watchlists has this name.</summary>
    NameTaken = 1,
    TooManyWatchlists = 2,
    TooManySymbols = 3,
    SymbolNotListed = 4,
}

/// <summary>The watchlist after a command, or why it was refused (nothing changed then).</summary>
[GenerateSerializer, Immutable, Alias("crucible.WatchlistResult")]
public sealed record WatchlistResult(
    [property: Id(0)] Watchlist? Watchlist,
    [property: Id(1)] WatchlistError? Error = null);
