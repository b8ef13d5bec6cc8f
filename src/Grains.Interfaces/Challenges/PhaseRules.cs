namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// The rules of one phase of a plan, in amounts (the plan loader turns percentages into amounts of the
/// account size). docs/rules.md defines each rule exactly.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.PhaseRules")]
public sealed record PhaseRules(
    [property: Id(0)] string Name,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] TimeOnly ResetTime,
    [property: Id(3)] BreachComparison BreachWhen,
    [property: Id(4)] decimal? ProfitTarget,
    [property: Id(5)] bool RequireFlatToPass,
    [property: Id(6)] DailyLossRule? DailyLoss,
    [property: Id(7)] OverallLossRule? OverallLoss,
    [property: Id(8)] int MinTradingDays,
    [property: Id(9)] decimal? TradingDayMinProfitPercent,
    [property: Id(10)] int MinTrades,
    [property: Id(11)] ConsistencyRule? Consistency,
    [property: Id(12)] int? TimeLimitDays,
    [property: Id(13)] int? InactivityDays,
    [property: Id(14)] OrderLimits Limits,
    [property: Id(15)] TimeOnly? FlatByTime = null,
    [property: Id(16)] bool FlatForWeekend = false,
    [property: Id(17)] TimeOnly? WeekendCloseTime = null);

/// <summary>Daily loss: the floor is the day's anchor minus the limit (an amount, or a percent of initial or of the anchor).</summary>
[GenerateSerializer, Immutable, Alias("crucible.DailyLossRule")]
public sealed record DailyLossRule(
    [property: Id(0)] DailyLossAnchor Anchor,
    [property: Id(1)] LimitBasis Basis,
    [property: Id(2)] decimal Limit,
    [property: Id(3)] BreachSeverity Severity);

/// <summary>Overall loss: a floor <see cref="Amount"/> below the initial balance or a high-water mark, per mode.</summary>
[GenerateSerializer, Immutable, Alias("crucible.OverallLossRule")]
public sealed record OverallLossRule(
    [property: Id(0)] DrawdownMode Mode,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] LockMode Lock,
    [property: Id(3)] decimal LockOffset);

/// <summary>Best day's profit ÷ total profit must stay below <see cref="MaxBestDayShare"/> to pass.</summary>
[GenerateSerializer, Immutable, Alias("crucible.ConsistencyRule")]
public sealed record ConsistencyRule(
    [property: Id(0)] decimal MaxBestDayShare,
    [property: Id(1)] ConsistencyMode Mode);

/// <summary>
/// Limits checked before an order is accepted; an order that would break one is refused. <see cref="MaxContracts"/>
/// is per instrument, <see cref="MaxContractsTotal"/> across instruments and <see cref="ScalingPlan"/> an allowance
/// across instruments fixed at each day's start; a micro counts <see cref="MicroContractWeight"/> (docs/rules.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.OrderLimits")]
public sealed record OrderLimits(
    [property: Id(0)] decimal? MaxRiskPerTradePercent = null,
    [property: Id(1)] bool RequireStopLoss = false,
    [property: Id(2)] decimal? MaxContracts = null,
    [property: Id(3)] decimal? MaxLeverage = null,
    [property: Id(4)] decimal? MaxContractsTotal = null,
    [property: Id(5)] decimal MicroContractWeight = 1m,
    [property: Id(6)] IReadOnlyList<ContractScalingTier>? ScalingPlan = null,
    [property: Id(7)] RiskBasis RiskBasis = RiskBasis.Equity,
    [property: Id(8)] int? StopLossWithinMinutes = null,
    [property: Id(9)] int? NewsBlackoutMinutes = null,
    [property: Id(10)] bool NewsBlackoutIncludesClosing = false)
{
    public static OrderLimits None { get; } = new();
}

/// <summary>One step of a scaling plan: from a closing balance of <see cref="BalanceAtLeast"/>, <see cref="MaxContracts"/> in total.</summary>
[GenerateSerializer, Immutable, Alias("crucible.ContractScalingTier")]
public sealed record ContractScalingTier(
    [property: Id(0)] decimal BalanceAtLeast,
    [property: Id(1)] decimal MaxContracts);
