using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>
/// Overall loss: a floor the drawdown amount below the initial balance (static) or below a high-water mark that
/// rises on every observation's equity, at each rollover's closing balance, or on each fill's balance, per mode.
/// The floor is capped at the lock level and never moves down.
/// </summary>
public sealed class OverallLossGuard : IStatefulRule
{
    private readonly OverallLossRule rule;
    private readonly BreachComparison comparison;
    private readonly decimal initialBalance;
    private readonly decimal? lockLevel;

    public OverallLossGuard(OverallLossRule rule, BreachComparison comparison, decimal initialBalance)
    {
        this.rule = rule;
        this.comparison = comparison;
        this.initialBalance = initialBalance;
        // FTMO 1-Step's mode is written without a lock; any lock given with it is ignored.
        lockLevel = rule.Mode == DrawdownMode.EndOfDayFloorAtInitial ? null : rule.Lock switch
        {
            LockMode.Initial => initialBalance,
            LockMode.InitialPlusOffset => initialBalance + rule.LockOffset,
            _ => null,
        };
        HighWaterMark = initialBalance; // a loss on the first trade must count
        Floor = initialBalance - rule.Amount;
    }

    public string Name => "overallLoss";
    public RuleStage Stage => RuleStage.Loss;

    /// <summary>The peak (intraday), closing-balance or closed-balance high-water mark; the initial balance when static.</summary>
    public decimal HighWaterMark { get; private set; }

    public decimal Floor { get; private set; }

    /// <summary>The drawdown allowed below the high-water mark (D): the room from the floor when nothing is lost.</summary>
    public decimal Allowance => rule.Amount;

    public RuleState Save() => new(Name, Floor: Floor, HighWaterMark: HighWaterMark);

    /// <summary>Above the floor; in intraday trailing mode also below the high-water mark, which any higher equity raises.</summary>
    public EquityBand QuietBand(PhaseProgress progress) =>
        rule.Mode == DrawdownMode.TrailingIntraday ? new EquityBand(Floor, HighWaterMark) : EquityBand.Above(Floor);

    public void Restore(RuleState state)
    {
        if (state.Rule != Name || state.Floor is not { } floor || state.HighWaterMark is not { } mark)
            throw new InvalidDataException($"{Name}: the snapshot holds no floor and high-water mark ({state})");
        Floor = floor;
        HighWaterMark = mark;
    }

    public void OnDayRollover(PhaseProgress progress, decimal closingBalance, RuleEvents events)
    {
        if (rule.Mode is DrawdownMode.TrailingEndOfDay or DrawdownMode.EndOfDayFloorAtInitial)
            Raise(closingBalance, "closing balance", events);
    }

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        if (rule.Mode == DrawdownMode.TrailingIntraday)
            Raise(observation.Equity, "equity peak", events);
        else if (rule.Mode == DrawdownMode.TrailingClosedBalance && observation.Cause == ObservationCause.Fill)
            Raise(observation.Balance, "closed balance", events);

        if (!Breach.Crosses(comparison, observation.Equity, Floor))
            return new(RuleOutcome.Holds, observation.Equity, Floor, "");
        return new(RuleOutcome.Breached, observation.Equity, Floor,
            $"equity {observation.Equity} {Breach.Describe(comparison)} overall floor {Floor}");
    }

    private void Raise(decimal value, string what, RuleEvents events)
    {
        if (value <= HighWaterMark) return;
        HighWaterMark = value;
        var floor = rule.Mode == DrawdownMode.EndOfDayFloorAtInitial
            ? Math.Max(initialBalance, HighWaterMark) - rule.Amount
            : HighWaterMark - rule.Amount;
        if (lockLevel is { } level) floor = Math.Min(floor, level);
        if (floor <= Floor) return;
        Floor = floor;
        events.Add(Name, RuleEventKind.FloorMoved, HighWaterMark, floor,
            $"{what} {HighWaterMark} raised the floor to {floor}" + (floor == lockLevel ? " (locked)" : ""));
    }
}
