using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// What a run resamples and the rules it runs through: the plan phase's rules and initial balance, and either the
/// trader's trading days (<see cref="ResampleUnit.Days"/>) or their closed trades' net P&amp;L laid out
/// <see cref="TradesPerDay"/> a day (<see cref="ResampleUnit.Trades"/>).
/// </summary>
public sealed record MonteCarloSource(
    PhaseRules Rules,
    decimal InitialBalance,
    ResampleUnit Unit,
    IReadOnlyList<SourceDay> Days,
    IReadOnlyList<decimal> Trades,
    int TradesPerDay)
{
    public const int MaxTradesPerDay = 100;

    public static MonteCarloSource OfDays(PhaseRules rules, decimal initialBalance, IReadOnlyList<SourceDay> days) =>
        new(rules, initialBalance, ResampleUnit.Days, days, [], 0);

    public static MonteCarloSource OfTrades(PhaseRules rules, decimal initialBalance, IReadOnlyList<decimal> trades, int tradesPerDay) =>
        new(rules, initialBalance, ResampleUnit.Trades, [], trades, tradesPerDay);

    /// <summary>How many items a path draws from: days or trades.</summary>
    public int Count => Unit == ResampleUnit.Days ? Days.Count : Trades.Count;
}
