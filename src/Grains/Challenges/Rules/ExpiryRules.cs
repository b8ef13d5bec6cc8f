using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>Time limit: the first observation at or after start + N × 24 h without a pass expires the phase.</summary>
public sealed class TimeLimitExpiry(int days) : IDeadlineRule, IStatefulRule
{
    /// <summary>The limit in days, extensions included.</summary>
    public int Days { get; private set; } = days;

    public DateTimeOffset Deadline(PhaseProgress progress) => progress.StartedAt + TimeSpan.FromDays(Days);

    /// <summary>An evaluator's extension: the deadline moves <paramref name="extraDays"/> × 24 h later.</summary>
    public void Extend(int extraDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(extraDays);
        Days += extraDays;
    }

    public RuleState Save() => new(Name, Days: Days);

    public void Restore(RuleState state)
    {
        if (state.Rule != Name || state.Days is not { } saved || saved < 1)
            throw new InvalidDataException($"{Name}: the snapshot holds no days ({state})");
        Days = saved;
    }

    public string Name => "timeLimit";
    public RuleStage Stage => RuleStage.Expiry;

    /// <summary>Judges time only; the grain observes its deadline on the clock.</summary>
    public EquityBand QuietBand(PhaseProgress progress) => EquityBand.Unbounded;

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        var deadline = Deadline(progress);
        var elapsed = (decimal)(observation.Time - progress.StartedAt).TotalDays;
        return observation.Time >= deadline
            ? new(RuleOutcome.Expired, elapsed, Days, $"the {Days}-day time limit ended at {deadline:O}")
            : new(RuleOutcome.Holds, elapsed, Days, "");
    }
}

/// <summary>Inactivity: no fill for N × 24 h since the start or the last fill expires the phase.</summary>
public sealed class InactivityExpiry(int days) : IDeadlineRule
{
    public DateTimeOffset Deadline(PhaseProgress progress) => (progress.LastFillAt ?? progress.StartedAt) + TimeSpan.FromDays(days);

    public string Name => "inactivity";
    public RuleStage Stage => RuleStage.Expiry;

    /// <summary>Judges time only; the grain observes its deadline on the clock.</summary>
    public EquityBand QuietBand(PhaseProgress progress) => EquityBand.Unbounded;

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        var since = progress.LastFillAt ?? progress.StartedAt;
        var deadline = Deadline(progress);
        var idle = (decimal)(observation.Time - since).TotalDays;
        return observation.Time >= deadline
            ? new(RuleOutcome.Expired, idle, days, $"no fill for {days} days since {since:O}")
            : new(RuleOutcome.Holds, idle, days, "");
    }
}

/// <summary>A rule that ends the phase at an instant (a time limit, inactivity), so the engine can tell a deadline
/// already past from one reached exactly at an observation.</summary>
public interface IDeadlineRule : IPhaseRule
{
    /// <summary>The instant the phase expires, as things stand before the observation's own fill.</summary>
    DateTimeOffset Deadline(PhaseProgress progress);
}
