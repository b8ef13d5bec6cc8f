using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>
/// Profit target on closed balance: balance − initial ≥ target (and flat, when the plan says so). In the E8
/// consistency variant the target is raised to best day ÷ c, compared exactly as c × profit ≥ best day.
/// </summary>
public sealed class ProfitTargetObjective(decimal target, bool requireFlat, ConsistencyRule? raisedBy) : IPhaseRule
{
    private readonly RuleMessageCache message = new();

    public string Name => "profitTarget";
    public RuleStage Stage => RuleStage.Objective;

    /// <summary>Judges closed balance, fills and days: a tick moves none of them.</summary>
    public EquityBand QuietBand(PhaseProgress progress) => EquityBand.Unbounded;

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        var profit = observation.Balance - progress.InitialBalance;
        var best = progress.BestDayProfit;
        var effective = raisedBy is { } c ? Math.Max(target, best / c.MaxBestDayShare) : target;
        var met = profit >= target
            && (raisedBy is null || raisedBy.MaxBestDayShare * profit >= best)
            && !(requireFlat && observation.HasOpenPositions);
        var open = requireFlat && observation.HasOpenPositions;
        return new(met ? RuleOutcome.Holds : RuleOutcome.Unmet, profit, effective,
            message.Find(profit, effective, open)
            ?? message.Keep(profit, effective, open, $"closed profit {profit} of target {effective}{(open ? " (positions still open)" : "")}"));
    }
}

/// <summary>Minimum trading days: days with a fill, or with closed P&amp;L ≥ x% of initial when the plan sets x.</summary>
public sealed class MinTradingDaysObjective(int days, decimal? minProfitPercent) : IPhaseRule
{
    private readonly RuleMessageCache message = new();

    public string Name => "minTradingDays";
    public RuleStage Stage => RuleStage.Objective;

    /// <summary>Judges closed balance, fills and days: a tick moves none of them.</summary>
    public EquityBand QuietBand(PhaseProgress progress) => EquityBand.Unbounded;

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        var count = minProfitPercent is { } x ? CountAtLeast(progress, progress.InitialBalance * x / 100m) : progress.ClosedPnlByDay.Count;
        return new(count >= days ? RuleOutcome.Holds : RuleOutcome.Unmet, count, days,
            message.Find(count, 0m) ?? message.Keep(count, 0m, false, $"{count} of {days} trading days"));
    }

    private static int CountAtLeast(PhaseProgress progress, decimal minimum)
    {
        var count = 0;
        foreach (var pnl in progress.ClosedPnlByDay.Values) if (pnl >= minimum) count++;
        return count;
    }
}

/// <summary>Minimum trades: orders with at least one fill.</summary>
public sealed class MinTradesObjective(int trades) : IPhaseRule
{
    private readonly RuleMessageCache message = new();

    public string Name => "minTrades";
    public RuleStage Stage => RuleStage.Objective;

    /// <summary>Judges closed balance, fills and days: a tick moves none of them.</summary>
    public EquityBand QuietBand(PhaseProgress progress) => EquityBand.Unbounded;

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        var count = progress.TradeCount;
        return new(count >= trades ? RuleOutcome.Holds : RuleOutcome.Unmet, count, trades,
            message.Find(count, 0m) ?? message.Keep(count, 0m, false, $"{count} of {trades} trades"));
    }
}

/// <summary>
/// Consistency (blocks the pass): with total profit P = balance − initial &gt; 0, best day ÷ P must be below c,
/// compared exactly as best day &lt; c × P. Without a profit it does not apply (holds). The message gives the shortfall.
/// </summary>
public sealed class ConsistencyObjective(ConsistencyRule rule) : IPhaseRule
{
    private readonly RuleMessageCache message = new();

    public string Name => "consistency";
    public RuleStage Stage => RuleStage.Objective;

    /// <summary>Judges closed balance, fills and days: a tick moves none of them.</summary>
    public EquityBand QuietBand(PhaseProgress progress) => EquityBand.Unbounded;

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        var total = observation.Balance - progress.InitialBalance;
        var best = progress.BestDayProfit;
        var ratio = total > 0 ? best / total : 0m;
        var met = total <= 0 || best < rule.MaxBestDayShare * total;
        // The shortfall follows from best and total (and the plan's c), so they key the message.
        return new(met ? RuleOutcome.Holds : RuleOutcome.Unmet, ratio, rule.MaxBestDayShare,
            message.Find(best, total) ?? message.Keep(best, total, false,
                $"best day {best} ÷ total profit {total} must be below {rule.MaxBestDayShare}; profit still needed {Math.Max(0m, best / rule.MaxBestDayShare - total)}"));
    }
}
