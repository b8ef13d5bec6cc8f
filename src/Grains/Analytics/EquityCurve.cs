using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Analytics;

/// <summary>
/// The equity curve statistics and charts read. An assessment account has its phase's equity samples (taken at every
/// fill and rule event and at most a minute apart while a held symbol ticks: docs/rules.md); a paper account keeps none,
/// so its curve is its closed balance after each fill and settlement (floating P&amp;L between fills is not recorded).
/// </summary>
public static class EquityCurve
{
    public static IReadOnlyList<EquitySample> Of(decimal initialBalance, DateTimeOffset openedAt, IReadOnlyList<EquitySample> samples,
        IReadOnlyList<Fill> fills, IReadOnlyList<ContractSettlement> settlements)
    {
        if (samples.Count > 0) return samples;
        var balance = initialBalance;
        var curve = new List<EquitySample> { new(openedAt, balance, balance) };
        var moves = fills.Select(f => (f.Time, Amount: f.RealizedPnl - f.Commission, Kind: 0))
            .Concat(settlements.Select(s => (s.Time, Amount: s.RealizedPnl, Kind: 1)))
            .OrderBy(m => m.Time).ThenBy(m => m.Kind);
        foreach (var move in moves)
        {
            balance += move.Amount;
            curve.Add(new EquitySample(move.Time, balance, balance));
        }
        return curve;
    }

    /// <summary>
    /// The curve seen over [from, to): it starts at <paramref name="from"/> with the equity of the last point before it
    /// (or the initial balance), then every point inside.
    /// </summary>
    public static IReadOnlyList<EquitySample> Within(IReadOnlyList<EquitySample> curve, decimal initialBalance, DateTimeOffset from, DateTimeOffset to)
    {
        var before = curve.LastOrDefault(s => s.Time < from);
        var start = new EquitySample(from, before?.Balance ?? initialBalance, before?.Equity ?? initialBalance);
        return [start, .. curve.Where(s => s.Time >= from && s.Time < to)];
    }
}
