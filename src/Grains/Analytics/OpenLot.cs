namespace Crucible.Grains.Analytics;

/// <summary>A quantity still open after the last fill: what FIFO matching has not closed yet (signed: short &lt; 0).</summary>
public sealed record OpenLot(string Symbol, decimal Quantity, decimal Price, DateTimeOffset EntryTime, string EntryFillId, decimal Commission);
