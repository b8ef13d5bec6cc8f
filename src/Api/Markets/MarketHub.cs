using Crucible.Grains.Interfaces.Markets;
using Microsoft.AspNetCore.SignalR;

namespace Crucible.Api.Markets;

/// <summary>
/// Live quotes at <c>/hubs/market</c>. A client calls <c>Subscribe</c> with symbols, gets their current
/// quotes back as a snapshot, then receives <c>Quote</c> messages for exactly those symbols.
/// </summary>
public sealed class MarketHub(InstrumentDirectory directory, MarketSubscriptions subscriptions, IClusterClient cluster)
    : Hub<IMarketClient>
{
    public static string GroupOf(string symbol) => "quotes:" + symbol;

    /// <summary>Subscribes to the symbols (case-insensitive) and returns the quotes they have now.</summary>
    public async Task<IReadOnlyList<Quote>> Subscribe(string[]? symbols)
    {
        var specs = await ResolveAsync(symbols);
        var canonical = specs.Select(s => s.Symbol).ToList();
        if (!subscriptions.TryAdd(Context.ConnectionId, canonical))
            throw new HubException($"symbols: a connection may follow at most {MarketSubscriptions.MaxSymbolsPerConnection} symbols.");
        foreach (var symbol in canonical)
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(symbol));
        var quotes = await Task.WhenAll(canonical.Select(s => cluster.GetGrain<IInstrumentFeedGrain>(s).GetQuoteAsync()));
        return [.. quotes.OfType<Quote>()];
    }

    public async Task Unsubscribe(string[]? symbols)
    {
        var canonical = (await ResolveAsync(symbols)).Select(s => s.Symbol).ToList();
        foreach (var symbol in canonical)
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(symbol));
        subscriptions.Remove(Context.ConnectionId, canonical);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        // SignalR drops the connection's group memberships itself; the registry must follow.
        subscriptions.RemoveConnection(Context.ConnectionId);
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<InstrumentSpec>> ResolveAsync(string[]? symbols)
    {
        if (symbols is null || symbols.Length == 0)
            throw new HubException("symbols: give at least one symbol.");
        if (symbols.Length > MarketSubscriptions.MaxSymbolsPerConnection)
            throw new HubException($"symbols: at most {MarketSubscriptions.MaxSymbolsPerConnection} per call.");
        var specs = new List<InstrumentSpec>(symbols.Length);
        foreach (var symbol in symbols)
        {
            // Validate all before changing anything: a bad symbol leaves the subscriptions as they were.
            if (string.IsNullOrWhiteSpace(symbol) || await directory.FindAsync(symbol, Context.ConnectionAborted) is not { } spec)
                throw new HubException($"symbols: unknown symbol '{symbol}'.");
            specs.Add(spec);
        }
        return specs;
    }
}
