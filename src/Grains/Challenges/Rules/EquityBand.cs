namespace Crucible.Grains.Challenges.Rules;

/// <summary>
/// The open range of equity, (<see cref="Low"/>, <see cref="High"/>), inside which a tick changes nothing a rule keeps:
/// no breach, no floor or peak raised (docs/scale.md "Price band"). Outside it, or at an edge, the tick must be judged.
/// Empty (<see cref="None"/>) when every tick must be judged.
/// </summary>
public readonly record struct EquityBand(decimal Low, decimal High)
{
    /// <summary>No tick is quiet: each one is judged.</summary>
    public static readonly EquityBand None = new(decimal.MaxValue, decimal.MinValue);

    /// <summary>No tick can change the rule's state, whatever equity does (a rule of balance or time).</summary>
    public static readonly EquityBand Unbounded = new(decimal.MinValue, decimal.MaxValue);

    public bool IsEmpty => Low >= High;

    public bool IsUnbounded => Low == decimal.MinValue && High == decimal.MaxValue;

    /// <summary>Equity strictly inside the band.</summary>
    public bool Contains(decimal equity) => equity > Low && equity < High;

    /// <summary>The range both bands call quiet.</summary>
    public EquityBand Intersect(EquityBand other) => new(Math.Max(Low, other.Low), Math.Min(High, other.High));

    /// <summary>No lower than <paramref name="floor"/>: a tick at or below it must be judged.</summary>
    public static EquityBand Above(decimal floor) => new(floor, decimal.MaxValue);
}
