using System.Globalization;
using System.Text;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.TestSupport.Challenges;

/// <summary>
/// Runs a judge (the rule engine) over a session's observations and compares it with the replay: the verdict
/// (status, end time, rule, ending event), whether trading is blocked after each observation while both are active,
/// and the next reset after the Start and each clock. Returns a description of the first disagreement, or null.
/// </summary>
public static class ChallengeAgreement
{
    public static string? Compare(ChallengeSession session, Func<ChallengeSession, IChallengeJudge> createJudge)
    {
        var replay = session.Replay();
        var observations = ObservationFeed.Build(session.InitialBalance, session.Start, session.Events, replay.Steps);
        var eventIndexes = ObservationFeed.EventIndexes(replay.Steps);
        var judge = createJudge(session);
        var resets = new PlanResets(session.Rules.TimeZone, session.Rules.ResetTime);
        int? judgeEnd = null;

        for (var i = 0; i < observations.Count; i++)
        {
            var eventIndex = eventIndexes[i];
            var observation = observations[i];
            try
            {
                judge.Observe(observation);
            }
            catch (Exception e) when (e is not NotImplementedException)
            {
                return Describe(session, replay, eventIndex, $"the judge threw {e}", engineVerdict: null);
            }

            if (judgeEnd is null && judge.Status != PhaseStatus.Active)
            {
                judgeEnd = eventIndex;
            }

            // The event's state is compared after its last observation (a soft breach's liquidations come after it).
            if (i + 1 < observations.Count && eventIndexes[i + 1] == eventIndex)
            {
                continue;
            }

            var replayActive = eventIndex < 0 || replay.Steps[eventIndex].Status == PhaseStatus.Active;
            var replayBlocked = eventIndex >= 0 && replay.Steps[eventIndex].TradingBlocked;
            if (judge.Status == PhaseStatus.Active && replayActive && judge.TradingBlocked != replayBlocked)
            {
                return Describe(session, replay, eventIndex,
                    $"TradingBlocked differs (engine {judge.TradingBlocked}, replay {replayBlocked})", Verdict(judge, judgeEnd));
            }

            if (observation.Cause is ObservationCause.Start or ObservationCause.Clock)
            {
                var expected = resets.After(observation.Time);
                var actual = judge.NextReset(observation.Time);
                if (actual != expected)
                {
                    return Describe(session, replay, eventIndex,
                        $"NextReset({observation.Time:O}) differs (engine {actual:O}, replay {expected:O})", Verdict(judge, judgeEnd));
                }
            }
        }

        var judgeVerdict = Verdict(judge, judgeEnd);
        if (judgeVerdict == replay.Verdict)
        {
            return null;
        }

        var first = Math.Min(judgeEnd ?? int.MaxValue, replay.Verdict.EndingEventIndex ?? int.MaxValue);
        return Describe(session, replay, first == int.MaxValue ? replay.Steps.Count - 1 : first, "verdicts differ", judgeVerdict);
    }

    private static ReplayVerdict Verdict(IChallengeJudge judge, int? endingEventIndex) =>
        new(judge.Status, judge.EndedAt, judge.EndedBy, endingEventIndex);

    private static string Describe(ChallengeSession session, ReplayResult replay, int eventIndex, string what, ReplayVerdict? engineVerdict)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Seed {session.Seed}: {what} at event {eventIndex} of {session.Events.Count}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"  engine: {engineVerdict?.ToString() ?? "(none)"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  replay: {replay.Verdict}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  initial {session.InitialBalance}, start {session.Start:O}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  rules: {session.Rules}");
        for (var i = Math.Max(0, eventIndex - 3); i <= Math.Min(session.Events.Count - 1, eventIndex + 1); i++)
        {
            var step = replay.Steps[i];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  [{i}] {session.Events[i]} → {step.Cause}, balance {step.Balance}, equity {step.Equity}, open {step.HasOpenPositions}, blocked {step.TradingBlocked}");
        }

        return text.ToString();
    }
}
