namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// One run's parameters. <see cref="MeanBlockLength"/> only matters for <see cref="ResampleMethod.Block"/>; null means
/// ⌈n^(1/3)⌉ of the n days or trades resampled (docs/monte-carlo.md). <see cref="Seed"/> fixes every number of the run.
/// </summary>
public sealed record MonteCarloSettings(int Paths, long Seed, ResampleMethod Method, double? MeanBlockLength, int HorizonDays)
{
    public const int MaxPaths = 100_000;
    public const int MaxHorizonDays = 1_000;

    /// <summary>Seeds are whole numbers a JSON client can hold exactly (0 … 2⁵³ − 1).</summary>
    public const long MaxSeed = (1L << 53) - 1;

    /// <summary>The default mean block length for <paramref name="n"/> days or trades: ⌈n^(1/3)⌉, at least 1.</summary>
    public static double DefaultBlockLength(int n) => Math.Max(1, Math.Ceiling(Math.Cbrt(n) - 1e-9));
}
