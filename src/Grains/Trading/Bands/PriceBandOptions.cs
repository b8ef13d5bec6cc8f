namespace Crucible.Grains.Trading.Bands;

/// <summary>
/// <c>Crucible:PriceBand</c>: whether accounts arm price bands, so ticks inside them are parked instead of waking the
/// account (docs/scale.md "Price band"). On by default; off makes every tick of a followed symbol reach its accounts, as
/// before the band (for comparison runs).
/// </summary>
public sealed class PriceBandOptions
{
    public const string Section = "Crucible:PriceBand";

    public bool Enabled { get; set; } = true;

    /// <summary>How long a <c>WatchMarks</c> call keeps an account's band disarmed, so every tick reaches it and its equity is published live.</summary>
    public static readonly TimeSpan DefaultWatchLease = TimeSpan.FromSeconds(30);
}
