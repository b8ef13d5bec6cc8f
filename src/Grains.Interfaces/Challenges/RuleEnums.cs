namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>What a daily-loss floor is measured from at the day's start (docs/rules.md).</summary>
[GenerateSerializer, Alias("crucible.DailyLossAnchor")]
public enum DailyLossAnchor
{
    Balance = 0,
    Equity = 1,
    Max = 2,
    DayPnl = 3,
}

[GenerateSerializer, Alias("crucible.LimitBasis")]
public enum LimitBasis
{
    Amount = 0,
    PercentOfInitial = 1,
    PercentOfAnchor = 2,
}

/// <summary>Hard breaches fail the phase; soft ones flatten and block trading until the next reset.</summary>
[GenerateSerializer, Alias("crucible.BreachSeverity")]
public enum BreachSeverity
{
    Hard = 0,
    Soft = 1,
}

/// <summary>Whether equity touching the floor is already a breach (the default) or only going below it.</summary>
[GenerateSerializer, Alias("crucible.BreachComparison")]
public enum BreachComparison
{
    AtOrBelow = 0,
    Below = 1,
}

[GenerateSerializer, Alias("crucible.DrawdownMode")]
public enum DrawdownMode
{
    Static = 0,
    TrailingIntraday = 1,
    TrailingEndOfDay = 2,
    TrailingClosedBalance = 3,
    EndOfDayFloorAtInitial = 4,
}

[GenerateSerializer, Alias("crucible.LockMode")]
public enum LockMode
{
    None = 0,
    Initial = 1,
    InitialPlusOffset = 2,
}

[GenerateSerializer, Alias("crucible.ConsistencyMode")]
public enum ConsistencyMode
{
    BlocksPass = 0,
    RaisesTarget = 1,
}

/// <summary>What the maximum risk per trade is a percent of: equity (default) or balance (The5%ers).</summary>
[GenerateSerializer, Alias("crucible.RiskBasis")]
public enum RiskBasis
{
    Equity = 0,
    Balance = 1,
}

[GenerateSerializer, Alias("crucible.PhaseStatus")]
public enum PhaseStatus
{
    Active = 0,
    Passed = 1,
    Failed = 2,
    Expired = 3,
}
