namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// The 5th, 25th, 50th, 75th and 95th percentiles of a per-path amount, by nearest rank: the value at 1-based rank
/// ⌈q × n⌉ of the sorted values (so each is a value some path really had).
/// </summary>
public sealed record Percentiles(decimal P5, decimal P25, decimal P50, decimal P75, decimal P95)
{
    /// <summary>Sorts <paramref name="values"/> in place and reads the five percentiles.</summary>
    public static Percentiles Of(decimal[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("no values", nameof(values));
        Array.Sort(values);
        return new(Rank(values, 5), Rank(values, 25), Rank(values, 50), Rank(values, 75), Rank(values, 95));
    }

    private static decimal Rank(decimal[] sorted, int percent)
    {
        // ⌈q × n⌉ in integers: (percent × n + 99) ÷ 100.
        var rank = Math.Max(1, (percent * sorted.Length + 99) / 100);
        return sorted[rank - 1];
    }
}
