using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Api.Markets;

/// <summary>
/// The API host's copy of the cluster's instrument catalog. The catalog changes only with a deployment,
/// so it is read once from the catalog grain (and again after a failed read), not on every request.
/// </summary>
public sealed class InstrumentDirectory(IClusterClient cluster)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile Loaded? loaded;

    public async Task<IReadOnlyList<InstrumentSpec>> GetAllAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).All;

    /// <summary>The instrument with this symbol, matched case-insensitively, or null.</summary>
    public async Task<InstrumentSpec?> FindAsync(string symbol, CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).BySymbol.GetValueOrDefault(symbol);

    /// <summary>
    /// The catalog's spelling of a symbol given in any case (btc-usd → BTC-USD), so the grains see one key per
    /// instrument; an unknown symbol comes back as given, for the book to refuse with its own error.
    /// </summary>
    public async Task<string> CanonicalAsync(string symbol, CancellationToken cancellationToken = default) =>
        (await FindAsync(symbol, cancellationToken))?.Symbol ?? symbol;

    private async Task<Loaded> LoadAsync(CancellationToken cancellationToken)
    {
        if (loaded is { } ready)
            return ready;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (loaded is null)
            {
                var all = await cluster.GetGrain<IInstrumentCatalogGrain>(0).GetAllAsync().WaitAsync(cancellationToken);
                loaded = new Loaded(all, all.ToDictionary(s => s.Symbol, StringComparer.OrdinalIgnoreCase));
            }
            return loaded;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record Loaded(IReadOnlyList<InstrumentSpec> All, Dictionary<string, InstrumentSpec> BySymbol);
}
