using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Assessments;

/// <summary>
/// Leaderboard arithmetic (docs/assessments.md): return % = (equity − initial) ÷ initial × 100; max drawdown % = the
/// phase's largest fall from an equity peak ÷ initial × 100; risk-adjusted return = return % ÷ max(max drawdown %, 1).
/// The floor of 1 % keeps an account that never dipped from ranking on a near-zero divisor. Percents are rounded to
/// 4 decimals (half away from zero); the ratio is computed from the rounded percents.
/// </summary>
public static class LeaderboardRanking
{
    public const decimal MinDrawdownPercent = 1m;

    public static LeaderboardEntry Measure(AssessmentSummary summary, EvaluationState evaluation, string accountId)
    {
        var initial = evaluation.InitialBalance;
        var returnPercent = Percent(evaluation.Equity - initial, initial);
        var drawdownPercent = Percent(evaluation.MaxDrawdown, initial);
        var riskAdjusted = Round(returnPercent / Math.Max(drawdownPercent, MinDrawdownPercent));
        return new LeaderboardEntry(0, summary.Id, summary.TraderId, summary.PlanId, evaluation.PhaseIndex, accountId, initial,
            evaluation.Equity, returnPercent, evaluation.MaxDrawdown, drawdownPercent, riskAdjusted);
    }

    /// <summary>Best first; ties go to the higher return, then the assessment id, so the order is stable.</summary>
    public static IReadOnlyList<LeaderboardEntry> Rank(IEnumerable<LeaderboardEntry> entries, LeaderboardOrder order, int limit)
    {
        var sorted = order == LeaderboardOrder.RiskAdjusted
            ? entries.OrderByDescending(e => e.RiskAdjustedReturn).ThenByDescending(e => e.ReturnPercent)
            : entries.OrderByDescending(e => e.ReturnPercent).ThenByDescending(e => e.RiskAdjustedReturn);
        return [.. sorted.ThenBy(e => e.AssessmentId, StringComparer.Ordinal).Take(limit).Select((e, i) => e with { Rank = i + 1 })];
    }

    private static decimal Percent(decimal amount, decimal initial) => initial <= 0 ? 0m : Round(amount / initial * 100m);

    private static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
