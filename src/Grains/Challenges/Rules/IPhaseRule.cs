using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>When the engine asks a rule, and what its answer can mean (docs/rules.md "Decisions": evaluation order).</summary>
public enum RuleStage
{
    /// <summary>Checked first, before the observation's fill is recorded: a deadline ends the phase.</summary>
    Expiry = 0,

    /// <summary>Checked after day rollover and the fill's bookkeeping: a breach fails the phase (or blocks trading).</summary>
    Loss = 1,

    /// <summary>Checked last: the phase passes when every objective holds.</summary>
    Objective = 2,
}

public enum RuleOutcome
{
    /// <summary>A loss rule is not breached, an objective is met, a deadline has not come.</summary>
    Holds = 0,
    Breached = 1,
    SoftBreached = 2,
    Unmet = 3,
    Expired = 4,
}

/// <summary>A rule's answer for one observation: what was measured against what.</summary>
public readonly record struct RuleCheck(RuleOutcome Outcome, decimal Measured, decimal Limit, string Message);

/// <summary>
/// One rule of a phase (LEAN style: one small model per behaviour). Rules keep their own state (floors, high-water
/// marks); the facts every rule shares (days, fills, trades) live in <see cref="PhaseProgress"/>, kept by the engine.
/// </summary>
public interface IPhaseRule
{
    /// <summary>The rule's name in events and in <see cref="RuleEngine.EndedBy"/>, e.g. "dailyLoss".</summary>
    string Name { get; }

    RuleStage Stage { get; }

    /// <summary>A new trading day began; <see cref="PhaseProgress"/> already holds its anchors.</summary>
    void OnDayRollover(PhaseProgress progress, decimal closingBalance, RuleEvents events) { }

    RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events);

    /// <summary>
    /// The equity range inside which a tick observation (same balance, positions and fills; time before the engine's next
    /// reset or deadline) leaves this rule's answer and state as they are: what lets a tick be skipped (docs/scale.md
    /// "Price band"). A rule that does not say judges every tick.
    /// </summary>
    EquityBand QuietBand(PhaseProgress progress) => EquityBand.None;
}
