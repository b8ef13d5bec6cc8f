namespace Crucible.Grains.Ledger;

/// <summary>A net position recomputed from fills: signed quantity, average entry at full precision, and what it realized since it was opened.</summary>
public sealed record RebuiltPosition(string Symbol, decimal Quantity, decimal AverageEntryPrice, decimal RealizedPnl);
