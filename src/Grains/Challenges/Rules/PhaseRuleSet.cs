using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>Builds a phase's rules in the engine's evaluation order; rules a plan does not set are left out.</summary>
public static class PhaseRuleSet
{
    public static IReadOnlyList<IPhaseRule> Create(PhaseRules phase, decimal initialBalance)
    {
        var rules = new List<IPhaseRule>();
        if (phase.TimeLimitDays is { } limit) rules.Add(new TimeLimitExpiry(limit));
        if (phase.InactivityDays is { } idle) rules.Add(new InactivityExpiry(idle));
        if (phase.DailyLoss is { } daily) rules.Add(new DailyLossGuard(daily, phase.BreachWhen, initialBalance));
        if (phase.OverallLoss is { } overall) rules.Add(new OverallLossGuard(overall, phase.BreachWhen, initialBalance));
        if (phase.ProfitTarget is { } target)
        {
            var raises = phase.Consistency is { Mode: ConsistencyMode.RaisesTarget } c ? c : null;
            rules.Add(new ProfitTargetObjective(target, phase.RequireFlatToPass, raises));
        }
        if (phase.MinTradingDays > 0) rules.Add(new MinTradingDaysObjective(phase.MinTradingDays, phase.TradingDayMinProfitPercent));
        if (phase.MinTrades > 0) rules.Add(new MinTradesObjective(phase.MinTrades));
        if (phase.Consistency is { Mode: ConsistencyMode.BlocksPass } blocks) rules.Add(new ConsistencyObjective(blocks));
        return rules;
    }
}
