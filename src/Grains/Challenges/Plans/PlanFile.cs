using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Plans;

/// <summary>The shape of plans.json (docs/rules.md "Plan catalog"); <see cref="PlanCatalogLoader"/> validates it.</summary>
internal sealed record PlanFile
{
    public List<PlanEntry> Plans { get; init; } = [];
}

internal sealed record PlanEntry
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public decimal AccountSize { get; init; }
    public decimal Price { get; init; }

    /// <summary>Settings every phase (and funded) starts from; a phase's own settings replace them field by field.</summary>
    public PhaseEntry? PhaseDefaults { get; init; }

    public List<PhaseEntry> Phases { get; init; } = [];
    public PhaseEntry? Funded { get; init; }
}

internal sealed record PhaseEntry
{
    public string? Name { get; init; }
    public string? TimeZone { get; init; }
    public string? ResetTime { get; init; }
    public BreachComparison? BreachWhen { get; init; }
    public MoneyEntry? ProfitTarget { get; init; }
    public bool? RequireFlatToPass { get; init; }
    public DailyLossEntry? DailyLoss { get; init; }
    public OverallLossEntry? OverallLoss { get; init; }
    public int? MinTradingDays { get; init; }
    public TradingDayEntry? TradingDay { get; init; }
    public int? MinTrades { get; init; }
    public ConsistencyEntry? Consistency { get; init; }
    public int? TimeLimitDays { get; init; }
    public int? InactivityDays { get; init; }
    public LimitsEntry? Limits { get; init; }
    public string? FlatByTime { get; init; }
    public bool? FlatForWeekend { get; init; }
    public string? WeekendCloseTime { get; init; }

    public PhaseEntry Over(PhaseEntry? defaults) => defaults is null ? this : new PhaseEntry
    {
        Name = Name ?? defaults.Name,
        TimeZone = TimeZone ?? defaults.TimeZone,
        ResetTime = ResetTime ?? defaults.ResetTime,
        BreachWhen = BreachWhen ?? defaults.BreachWhen,
        ProfitTarget = ProfitTarget ?? defaults.ProfitTarget,
        RequireFlatToPass = RequireFlatToPass ?? defaults.RequireFlatToPass,
        DailyLoss = DailyLoss ?? defaults.DailyLoss,
        OverallLoss = OverallLoss ?? defaults.OverallLoss,
        MinTradingDays = MinTradingDays ?? defaults.MinTradingDays,
        TradingDay = TradingDay ?? defaults.TradingDay,
        MinTrades = MinTrades ?? defaults.MinTrades,
        Consistency = Consistency ?? defaults.Consistency,
        TimeLimitDays = TimeLimitDays ?? defaults.TimeLimitDays,
        InactivityDays = InactivityDays ?? defaults.InactivityDays,
        Limits = Limits ?? defaults.Limits,
        FlatByTime = FlatByTime ?? defaults.FlatByTime,
        FlatForWeekend = FlatForWeekend ?? defaults.FlatForWeekend,
        WeekendCloseTime = WeekendCloseTime ?? defaults.WeekendCloseTime,
    };
}

/// <summary>Money as exactly one of: an amount, a percent of the account size, or (daily loss only) a percent of the day's anchor.</summary>
internal sealed record MoneyEntry
{
    public decimal? Amount { get; init; }
    public decimal? Percent { get; init; }
    public decimal? PercentOfAnchor { get; init; }
}

internal sealed record DailyLossEntry
{
    public DailyLossAnchor? Anchor { get; init; }
    public MoneyEntry? Limit { get; init; }
    public BreachSeverity Severity { get; init; } = BreachSeverity.Hard;
}

internal sealed record OverallLossEntry
{
    public DrawdownMode? Mode { get; init; }
    public MoneyEntry? Limit { get; init; }
    public LockMode Lock { get; init; } = LockMode.None;
    public decimal LockOffset { get; init; }
}

/// <summary>What makes a day a trading day: any fill (no <see cref="MinProfitPercent"/>), or closed P&amp;L ≥ x% of initial.</summary>
internal sealed record TradingDayEntry
{
    public decimal? MinProfitPercent { get; init; }
}

internal sealed record ConsistencyEntry
{
    public decimal MaxBestDayShare { get; init; }
    public ConsistencyMode Mode { get; init; } = ConsistencyMode.BlocksPass;
}

internal sealed record LimitsEntry
{
    public decimal? MaxRiskPerTradePercent { get; init; }
    public bool RequireStopLoss { get; init; }
    public decimal? MaxContracts { get; init; }
    public decimal? MaxLeverage { get; init; }
    public decimal? MaxContractsTotal { get; init; }
    public decimal? MicroContractWeight { get; init; }
    public List<ScalingTierEntry>? ScalingPlan { get; init; }
    public RiskBasis RiskBasis { get; init; } = RiskBasis.Equity;
    public int? StopLossWithinMinutes { get; init; }
    public int? NewsBlackoutMinutes { get; init; }
    public bool NewsBlackoutIncludesClosing { get; init; }
}

internal sealed record ScalingTierEntry
{
    public decimal? BalanceAtLeast { get; init; }
    public decimal? MaxContracts { get; init; }
}
