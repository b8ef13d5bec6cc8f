namespace Crucible.Grains.Markets.Replay;

/// <summary>One OHLCV row of a bar file; <see cref="Time"/> is the bar's start.</summary>
public sealed record RecordedBar(DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);
