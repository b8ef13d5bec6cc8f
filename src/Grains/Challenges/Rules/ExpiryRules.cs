using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>Time limit: the first observation at or after start + N × 24 h without a pass expires the phase.</summary>
public sealed class TimeLimitExpiry(int days) : IPhaseRule
{
    public string Name => "timeLimit";
    public RuleStage Stage => RuleStage.Expiry;

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        var deadline = progress.StartedAt + TimeSpan.FromDays(days);
        var elapsed = (decimal)(observation.Time - progress.StartedAt).TotalDays;
        return observation.Time >= deadline
            ? new(RuleOutcome.Expired, elapsed, days, $"the {days}-day time limit ended at {deadline:O}")
            : new(RuleOutcome.Holds, elapsed, days, "");
    }
}

/// <summary>Inactivity: no fill for N × 24 h since the start or the last fill expires the phase.</summary>
public sealed class InactivityExpiry(int days) : IPhaseRule
{
    public string Name => "inactivity";
    public RuleStage Stage => RuleStage.Expiry;

    public RuleCheck Check(Observation observation, PhaseProgress progress, RuleEvents events)
    {
        var since = progress.LastFillAt ?? progress.StartedAt;
        var deadline = since + TimeSpan.FromDays(days);
        var idle = (decimal)(observation.Time - since).TotalDays;
        return observation.Time >= deadline
            ? new(RuleOutcome.Expired, idle, days, $"no fill for {days} days since {since:O}")
            : new(RuleOutcome.Holds, idle, days, "");
    }
}
