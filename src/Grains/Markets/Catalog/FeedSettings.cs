namespace Crucible.Grains.Markets.Catalog;

/// <summary>Where an instrument's ticks come from, as written in the catalog file.</summary>
public sealed record FeedSettings
{
    /// <summary><c>simulated</c>, <c>replay</c> or <c>external</c> (ticks arrive through IngestAsync only).</summary>
    public string Source { get; init; } = "simulated";

    /// <summary>Simulator ticks per second of wall-clock time.</summary>
    public double TicksPerSecond { get; init; } = 4;

    /// <summary>Seed of the simulator's random stream: the same seed replays the same path.</summary>
    public int Seed { get; init; } = 1;

    public decimal InitialPrice { get; init; }

    /// <summary>When false (default) an instrument with trading hours does not tick while its market is closed.</summary>
    public bool SimulateOutsideHours { get; init; }

    public PriceModelSettings Model { get; init; } = new();

    public SpreadSettings Spread { get; init; } = new();

    public TradeSizeSettings TradeSize { get; init; } = new();

    public ReplaySettings? Replay { get; init; }
}
