namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>A probability estimate's 95 % confidence interval.</summary>
public sealed record ProbabilityInterval(double Lower, double Upper)
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson score interval for <paramref name="successes"/> of <paramref name="trials"/>: centre (p̂ + z²/2n) ÷ (1 + z²/n),
    /// half-width z ÷ (1 + z²/n) × √(p̂(1 − p̂)/n + z²/4n²). Unlike p̂ ± z√(p̂(1 − p̂)/n) it stays inside [0, 1] and is not
    /// empty when no path (or every path) passed.
    /// </summary>
    public static ProbabilityInterval Wilson(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        double n = trials, p = successes / n, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public bool Contains(double p) => p >= Lower && p <= Upper;
}
