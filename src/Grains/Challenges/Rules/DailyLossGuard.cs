using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>
/// Daily loss: the day's floor is its anchor (B₀, E₀ or the larger) minus the limit, taken at each rollover and
/// frozen for the day; floating P&amp;L counts because every observation is checked against current equity.
/// </summary>
public sealed class DailyLossGuard : IStatefulRule
{
    private readonly DailyLossRule rule;
    private readonly BreachComparison comparison;
    private readonly decimal initialBalance;

    public DailyLossGuard(DailyLossRule rule, BreachComparison comparison, decimal initialBalance)
    {
        this.rule = rule;
        this.comparison = comparison;
        this.initialBalance = initialBalance;
        Anchor = initialBalance;
        Floor = FloorFor(initialBalance, initialBalance);
    }

    public string Name => "dailyLoss";
    public RuleStage Stage => RuleStage.Loss;

    /// <summary>Today's floor.</summary>
    public decimal Floor { get; private set; }

    /// <summary>Today's anchor value (B₀, E₀ or the larger): the allowed loss today is <see cref="Anchor"/> − <see cref="Floor"/>.</summary>
    public decimal Anchor { get; private set; }

    public RuleState Save() => new(Name, Floor: Floor, Anchor: Anchor);

    /// <summary>Above today's floor nothing happens (the floor is frozen for the day).</summary>
    public EquityBand QuietBand(PhaseProgress progress) => EquityBand.Above(Floor);

    public void Restore(RuleState state)
    {
        if (state.Rule != Name || state.Floor is not { } floor || state.Anchor is not { } anchor)
            throw new InvalidDataException($"{Name}: the snapshot holds no floor and anchor ({state})");
        Floor = floor;
        Anchor = anchor;
    }

    public void OnDayRollover(PhaseProgress progress, decimal closingBalance, RuleEvents events)
    {
        Anchor = AnchorOf(progress.DayStartBalance, progress.DayStartEquity);
        var floor = FloorFor(progress.DayStartBalance, progress.DayStartEquity);
        if (floor == Floor) return;
        Floor = floor;
        events.Add(Name, RuleEventKind.FloorMoved, Anchor, floor,
            $"new day: {rule.Anchor} anchor {Anchor}, floor {floor}");
    }

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        if (!Breach.Crosses(comparison, observation.Equity, Floor))
            return new(RuleOutcome.Holds, observation.Equity, Floor, "");
        var outcome = rule.Severity == BreachSeverity.Soft ? RuleOutcome.SoftBreached : RuleOutcome.Breached;
        return new(outcome, observation.Equity, Floor,
            $"equity {observation.Equity} {Breach.Describe(comparison)} daily floor {Floor} ({rule.Severity.ToString().ToLowerInvariant()} breach)");
    }

    private decimal AnchorOf(decimal balance, decimal equity) => rule.Anchor switch
    {
        DailyLossAnchor.Equity => equity,
        DailyLossAnchor.Max => Math.Max(balance, equity),
        _ => balance, // Balance, and DayPnl: equity − B₀ ≤ −L is equity ≤ B₀ − L
    };

    private decimal FloorFor(decimal balance, decimal equity)
    {
        var anchor = AnchorOf(balance, equity);
        var limit = rule.Basis switch
        {
            LimitBasis.PercentOfInitial => initialBalance * rule.Limit / 100m,
            LimitBasis.PercentOfAnchor => anchor * rule.Limit / 100m,
            _ => rule.Limit,
        };
        return anchor - limit;
    }
}
