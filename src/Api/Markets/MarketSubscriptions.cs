namespace Crucible.Api.Markets;

/// <summary>
/// Which connection follows which symbols. SignalR groups do the delivery; this registry bounds each
/// connection's subscriptions and lets the host (and its tests) see that disconnects leave nothing behind.
/// </summary>
public sealed class MarketSubscriptions
{
    public const int MaxSymbolsPerConnection = 256;

    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<string>> byConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> subscribersBySymbol = new(StringComparer.Ordinal);

    public int ConnectionCount { get { lock (gate) return byConnection.Count; } }

    public int SubscriptionCount { get { lock (gate) return subscribersBySymbol.Values.Sum(); } }

    public int SubscribersOf(string symbol) { lock (gate) return subscribersBySymbol.GetValueOrDefault(symbol); }

    public IReadOnlyCollection<string> SymbolsOf(string connectionId)
    {
        lock (gate)
            return byConnection.TryGetValue(connectionId, out var symbols) ? [.. symbols] : [];
    }

    /// <summary>Adds the symbols; false (and nothing added) when the connection would pass its limit.</summary>
    public bool TryAdd(string connectionId, IReadOnlyCollection<string> symbols)
    {
        lock (gate)
        {
            var current = byConnection.GetValueOrDefault(connectionId);
            var added = symbols.Where(s => current is null || !current.Contains(s)).Distinct().ToList();
            if ((current?.Count ?? 0) + added.Count > MaxSymbolsPerConnection)
                return false;
            if (current is null)
                byConnection[connectionId] = current = new HashSet<string>(StringComparer.Ordinal);
            foreach (var symbol in added)
            {
                current.Add(symbol);
                subscribersBySymbol[symbol] = subscribersBySymbol.GetValueOrDefault(symbol) + 1;
            }
            return true;
        }
    }

    public void Remove(string connectionId, IEnumerable<string> symbols)
    {
        lock (gate)
        {
            if (!byConnection.TryGetValue(connectionId, out var current))
                return;
            foreach (var symbol in symbols)
                if (current.Remove(symbol))
                    Release(symbol);
            if (current.Count == 0)
                byConnection.Remove(connectionId);
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (gate)
        {
            if (!byConnection.Remove(connectionId, out var current))
                return;
            foreach (var symbol in current)
                Release(symbol);
        }
    }

    private void Release(string symbol)
    {
        if (--subscribersBySymbol[symbol] == 0)
            subscribersBySymbol.Remove(symbol);
    }
}
