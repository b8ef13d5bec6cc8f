namespace Crucible.Grains.Markets.Catalog;

/// <summary>
/// The instruments this deployment trades. Symbols are matched case-insensitively; the catalog's
/// spelling is canonical and is the feed grain's key.
/// </summary>
public sealed class InstrumentCatalog
{
    private readonly Dictionary<string, InstrumentDefinition> bySymbol;

    public InstrumentCatalog(IEnumerable<InstrumentDefinition> instruments, string directory)
    {
        All = [.. instruments];
        bySymbol = All.ToDictionary(i => i.Symbol, StringComparer.OrdinalIgnoreCase);
        Directory = directory;
    }

    public IReadOnlyList<InstrumentDefinition> All { get; }

    /// <summary>The folder of the catalog file; replay paths are relative to it.</summary>
    public string Directory { get; }

    public InstrumentDefinition? Find(string symbol) =>
        bySymbol.TryGetValue(symbol, out var definition) ? definition : null;
}
