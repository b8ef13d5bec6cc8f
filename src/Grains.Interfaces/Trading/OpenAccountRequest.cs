namespace Crucible.Grains.Interfaces.Trading;

/// <summary>Opens a virtual account with a starting balance under the given terms (defaults when null).</summary>
[GenerateSerializer, Immutable, Alias("crucible.OpenAccountRequest")]
public sealed record OpenAccountRequest(
    [property: Id(0)] decimal InitialBalance,
    [property: Id(1)] TradingTerms? Terms = null);
