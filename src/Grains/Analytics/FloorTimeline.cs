using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics;

/// <summary>
/// The loss floors of a phase at any moment, from what the phase recorded: each floor starts where the rule's own guard
/// puts it for the initial balance (<see cref="DailyLossGuard"/>, <see cref="OverallLossGuard"/>), and moves at each
/// <see cref="RuleEventKind.FloorMoved"/> event of its rule (the event's limit is the new floor). Null for a rule the plan
/// does not have.
/// </summary>
public sealed class FloorTimeline
{
    private readonly decimal? dailyStart;
    private readonly decimal? overallStart;
    private readonly List<RuleEvent> daily;
    private readonly List<RuleEvent> overall;

    public FloorTimeline(PhaseRules rules, decimal initialBalance, IEnumerable<RuleEvent> events)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var moves = events.Where(e => e.Kind == RuleEventKind.FloorMoved).OrderBy(e => e.Time).ToList();
        if (rules.DailyLoss is { } d) dailyStart = new DailyLossGuard(d, rules.BreachWhen, initialBalance).Floor;
        if (rules.OverallLoss is { } o) overallStart = new OverallLossGuard(o, rules.BreachWhen, initialBalance).Floor;
        daily = moves.Where(e => e.Rule == "dailyLoss").ToList();
        overall = moves.Where(e => e.Rule == "overallLoss").ToList();
    }

    /// <summary>The daily-loss floor in force at <paramref name="time"/> (moves at that instant included).</summary>
    public decimal? DailyAt(DateTimeOffset time) => At(dailyStart, daily, time);

    public decimal? OverallAt(DateTimeOffset time) => At(overallStart, overall, time);

    private static decimal? At(decimal? start, List<RuleEvent> moves, DateTimeOffset time)
    {
        if (start is null) return null;
        var last = moves.LastOrDefault(e => e.Time <= time);
        return last?.Limit ?? start;
    }
}
