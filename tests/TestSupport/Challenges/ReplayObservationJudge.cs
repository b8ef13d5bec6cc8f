using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.TestSupport.Challenges;

/// <summary>
/// The replay's rules driven by observations instead of session events: given the feed, it must reach the replay's
/// own verdict, which checks that the feed carries everything the rules need.
/// </summary>
public sealed class ReplayObservationJudge(PhaseRules rules, decimal initialBalance, DateTimeOffset start) : IChallengeJudge
{
    private readonly ReplayJudge judge = new(rules, initialBalance, start);
    private readonly PlanResets resets = new(rules.TimeZone, rules.ResetTime);
    private int observed;

    public PhaseStatus Status => judge.Status;

    public DateTimeOffset? EndedAt => judge.Verdict.EndedAt;

    public string? EndedBy => judge.Verdict.EndedBy;

    public bool TradingBlocked => judge.TradingBlocked;

    public void Observe(Observation observation)
    {
        // The first observation is the Start (event index −1), then one per event; a liquidation belongs to the event before it.
        var eventIndex = observation.Liquidation ? observed - 2 : observed++ - 1;
        judge.Observe(
            eventIndex, observation.Time, observation.Cause, observation.Balance, observation.Equity,
            observation.HasOpenPositions, observation.FillNetPnl, observation.OrderId, observation.Liquidation);
    }

    public DateTimeOffset NextReset(DateTimeOffset time) => resets.After(time);
}
