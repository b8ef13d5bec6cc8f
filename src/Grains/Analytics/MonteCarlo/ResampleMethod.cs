namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>How a path draws the trader's record (docs/monte-carlo.md "Resampling").</summary>
public enum ResampleMethod
{
    /// <summary>Stationary block bootstrap (Politis–Romano 1994): runs of consecutive days or trades with geometric lengths.</summary>
    Block = 0,

    /// <summary>Each day or trade drawn independently: ignores streaks, so it overstates pass rates when losses cluster.</summary>
    Iid = 1,
}
