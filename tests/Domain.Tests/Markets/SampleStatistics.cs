namespace Crucible.Domain.Tests.Markets;

/// <summary>Plain sample moments, written out so the tests do not trust the library they check.</summary>
internal static class SampleStatistics
{
    public static double Mean(IReadOnlyList<double> xs) => xs.Sum() / xs.Count;

    public static double Variance(IReadOnlyList<double> xs)
    {
        var m = Mean(xs);
        return xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1);
    }

    public static double StdDev(IReadOnlyList<double> xs) => Math.Sqrt(Variance(xs));

    /// <summary>Non-excess kurtosis: 3 for a normal distribution.</summary>
    public static double Kurtosis(IReadOnlyList<double> xs)
    {
        var m = Mean(xs);
        var m2 = xs.Sum(x => Math.Pow(x - m, 2)) / xs.Count;
        var m4 = xs.Sum(x => Math.Pow(x - m, 4)) / xs.Count;
        return m4 / (m2 * m2);
    }

    public static double Autocorrelation(IReadOnlyList<double> xs, int lag)
    {
        var m = Mean(xs);
        double num = 0, den = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            den += (xs[i] - m) * (xs[i] - m);
            if (i >= lag) num += (xs[i] - m) * (xs[i - lag] - m);
        }
        return num / den;
    }

    /// <summary>
    /// Standard error of a statistic of a dependent series by batch means: the statistic on each of
    /// <paramref name="batches"/> consecutive blocks, whose spread shows the error persistence causes.
    /// </summary>
    public static double BatchStandardError(IReadOnlyList<double> xs, int batches, Func<IReadOnlyList<double>, double> statistic)
    {
        var size = xs.Count / batches;
        var estimates = Enumerable.Range(0, batches).Select(b => statistic(xs.Skip(b * size).Take(size).ToArray())).ToArray();
        return StdDev(estimates) / Math.Sqrt(batches);
    }
}
