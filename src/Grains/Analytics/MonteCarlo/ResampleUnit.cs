namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>What a path is made of: the trader's own trading days, or their closed trades laid out a fixed number per day.</summary>
public enum ResampleUnit
{
    Days = 0,
    Trades = 1,
}
