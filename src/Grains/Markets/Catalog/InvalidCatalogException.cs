namespace Crucible.Grains.Markets.Catalog;

/// <summary>The catalog file cannot be used; <see cref="Problems"/> names each instrument and field at fault.</summary>
public sealed class InvalidCatalogException(string path, IReadOnlyList<string> problems)
    : Exception($"Instrument catalog '{path}' is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
