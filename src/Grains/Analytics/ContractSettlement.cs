namespace Crucible.Grains.Analytics;

/// <summary>A prediction contract's settlement: it closes every open lot of <see cref="Symbol"/> at <see cref="Price"/>, without commission.</summary>
/// <see cref="RealizedPnl"/> is what the book realized by it (its closed-balance change).
public sealed record ContractSettlement(string Symbol, decimal Price, DateTimeOffset Time, decimal RealizedPnl = 0m);
