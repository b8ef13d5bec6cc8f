namespace Crucible.Grains.Interfaces.Challenges;

[GenerateSerializer, Alias("crucible.LeaderboardOrder")]
public enum LeaderboardOrder
{
    /// <summary>By return %: (equity − initial) ÷ initial × 100.</summary>
    Return = 0,
    /// <summary>By return % ÷ max drawdown %, the drawdown counted as at least 1 % (docs/assessments.md).</summary>
    RiskAdjusted = 1,
}

/// <summary>
/// An active assessment's standing in its current phase. <see cref="MaxDrawdownPercent"/> is the phase's largest fall
/// from an equity peak, as a percent of the initial balance; <see cref="RiskAdjustedReturn"/> divides the return % by
/// it (at least 1).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.LeaderboardEntry")]
public sealed record LeaderboardEntry(
    [property: Id(0)] int Rank,
    [property: Id(1)] string AssessmentId,
    [property: Id(2)] string TraderId,
    [property: Id(3)] string PlanId,
    [property: Id(4)] int PhaseIndex,
    [property: Id(5)] string AccountId,
    [property: Id(6)] decimal InitialBalance,
    [property: Id(7)] decimal Equity,
    [property: Id(8)] decimal ReturnPercent,
    [property: Id(9)] decimal MaxDrawdown,
    [property: Id(10)] decimal MaxDrawdownPercent,
    [property: Id(11)] decimal RiskAdjustedReturn);
