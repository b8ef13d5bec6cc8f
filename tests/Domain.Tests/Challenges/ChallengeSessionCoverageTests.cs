using Crucible.Grains.Interfaces.Challenges;
using Crucible.TestSupport.Challenges;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>
/// The generated sessions are worth agreeing on: every outcome occurs, every rule variant is drawn, DST days,
/// soft breaches and sub-millisecond dips are common, and each rule option decides the verdict of some sessions
/// (so an engine that ignored it would be caught).
/// </summary>
public sealed class ChallengeSessionCoverageTests
{
    [Fact]
    public void Generated_sessions_reach_every_outcome_and_exercise_every_rule_variant()
    {
        var outcomes = new Dictionary<string, int>();
        var variants = new HashSet<string>();
        var softBreaches = 0;
        var sessionsWithAShortOrLongDay = 0;
        var dips = 0;

        foreach (var session in GeneratedSessions.All)
        {
            var result = session.Replay();
            var outcome = $"{result.Verdict.Status}/{result.Verdict.EndedBy}";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            variants.UnionWith(Variants(session.Rules));
            softBreaches += result.Steps.Any(s => s.TradingBlocked) ? 1 : 0;
            sessionsWithAShortOrLongDay += HasADstDay(session) ? 1 : 0;
            dips += CountSubMillisecondRecoveries(session.Events);
        }

        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));
        foreach (var expected in new[]
        {
            "Passed/", "Failed/dailyLoss", "Failed/overallLoss", "Expired/timeLimit", "Expired/inactivity", "Active/",
        })
        {
            Assert.True(outcomes.GetValueOrDefault(expected) >= 20, $"Too few sessions end {expected}: {summary}");
        }

        var missing = AllVariants().Where(v => !variants.Contains(v)).ToList();
        Assert.True(missing.Count == 0, "Variants never drawn: " + string.Join(", ", missing));
        Assert.True(softBreaches >= 20, $"Only {softBreaches} sessions have a soft breach.");
        Assert.True(sessionsWithAShortOrLongDay >= 100, $"Only {sessionsWithAShortOrLongDay} sessions span a 23- or 25-hour plan day.");
        Assert.True(dips >= 100, $"Only {dips} sub-millisecond dips.");
    }

    [Fact]
    public void Each_rule_option_decides_the_verdict_of_some_sessions()
    {
        var decisive = new Dictionary<string, int>();
        foreach (var session in GeneratedSessions.All)
        {
            var rules = session.Rules;
            var verdict = session.Replay().Verdict;
            void Count(string option, PhaseRules without)
            {
                if (ChallengeReplay.Evaluate(without, session.InitialBalance, session.Start, session.Events, session.Multipliers) != verdict)
                {
                    decisive[option] = decisive.GetValueOrDefault(option) + 1;
                }
            }

            if (rules.Consistency is { } consistency)
            {
                Count($"consistency:{consistency.Mode}", rules with { Consistency = null });
            }

            if (rules.MinTradingDays > 0)
            {
                Count(rules.TradingDayMinProfitPercent is null ? "minDays:anyFill" : "minDays:minProfit", rules with { MinTradingDays = 0 });
            }

            if (rules.MinTrades > 0)
            {
                Count("minTrades", rules with { MinTrades = 0 });
            }

            if (rules.RequireFlatToPass)
            {
                Count("requireFlat", rules with { RequireFlatToPass = false });
            }

            if (rules.BreachWhen == BreachComparison.Below)
            {
                Count("breachWhen:below", rules with { BreachWhen = BreachComparison.AtOrBelow });
            }

            if (rules.OverallLoss is { Lock: not LockMode.None } overall)
            {
                Count("lock", rules with { OverallLoss = overall with { Lock = LockMode.None } });
            }

            if (rules.DailyLoss is { Severity: BreachSeverity.Soft } daily)
            {
                Count("severity:soft", rules with { DailyLoss = daily with { Severity = BreachSeverity.Hard } });
            }
        }

        var summary = string.Join(", ", decisive.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}: {d.Value}"));
        foreach (var option in new[]
        {
            "consistency:BlocksPass", "consistency:RaisesTarget", "minDays:anyFill", "minDays:minProfit", "minTrades",
            "requireFlat", "breachWhen:below", "lock", "severity:soft",
        })
        {
            Assert.True(decisive.GetValueOrDefault(option) >= 5, $"{option} decides too few verdicts: {summary}");
        }
    }

    private static IEnumerable<string> Variants(PhaseRules rules)
    {
        yield return $"breachWhen:{rules.BreachWhen}";
        yield return $"requireFlat:{rules.RequireFlatToPass}";
        yield return $"target:{rules.ProfitTarget is not null}";
        yield return $"tradingDay:{(rules.TradingDayMinProfitPercent is null ? "anyFill" : "minProfit")}";
        yield return $"minDays:{rules.MinTradingDays > 0}";
        yield return $"minTrades:{rules.MinTrades > 0}";
        yield return $"timeLimit:{rules.TimeLimitDays is not null}";
        yield return $"inactivity:{rules.InactivityDays is not null}";
        yield return $"zone:{rules.TimeZone}";
        if (rules.DailyLoss is { } daily)
        {
            yield return $"anchor:{daily.Anchor}";
            yield return $"basis:{daily.Basis}";
            yield return $"severity:{daily.Severity}";
        }

        if (rules.OverallLoss is { } overall)
        {
            yield return $"mode:{overall.Mode}";
            yield return $"lock:{overall.Lock}";
        }

        if (rules.Consistency is { } consistency)
        {
            yield return $"consistency:{consistency.Mode}";
        }
    }

    private static IEnumerable<string> AllVariants()
    {
        foreach (var when in Enum.GetValues<BreachComparison>()) yield return $"breachWhen:{when}";
        foreach (var anchor in Enum.GetValues<DailyLossAnchor>()) yield return $"anchor:{anchor}";
        foreach (var basis in Enum.GetValues<LimitBasis>()) yield return $"basis:{basis}";
        foreach (var severity in Enum.GetValues<BreachSeverity>()) yield return $"severity:{severity}";
        foreach (var mode in Enum.GetValues<DrawdownMode>()) yield return $"mode:{mode}";
        foreach (var lockMode in Enum.GetValues<LockMode>()) yield return $"lock:{lockMode}";
        foreach (var mode in Enum.GetValues<ConsistencyMode>()) yield return $"consistency:{mode}";
        foreach (var zone in new[] { "Europe/Prague", "America/Chicago", "America/New_York", "UTC" }) yield return $"zone:{zone}";
        foreach (var flag in new[] { true, false })
        {
            yield return $"requireFlat:{flag}";
            yield return $"target:{flag}";
            yield return $"minDays:{flag}";
            yield return $"minTrades:{flag}";
            yield return $"timeLimit:{flag}";
            yield return $"inactivity:{flag}";
        }

        yield return "tradingDay:anyFill";
        yield return "tradingDay:minProfit";
    }

    private static bool HasADstDay(ChallengeSession session)
    {
        var resets = new PlanResets(session.Rules.TimeZone, session.Rules.ResetTime);
        var end = session.Events[^1].Time;
        for (var reset = resets.AtOrBefore(session.Start); reset <= end; reset = resets.After(reset))
        {
            if (resets.After(reset) - reset != TimeSpan.FromDays(1))
            {
                return true;
            }
        }

        return false;
    }

    private static int CountSubMillisecondRecoveries(IReadOnlyList<SessionEvent> events)
    {
        var count = 0;
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i] is SessionEvent.Tick tick && events[i - 1] is SessionEvent.Tick previous
                && tick.Symbol == previous.Symbol && tick.Time > previous.Time
                && tick.Time - previous.Time < TimeSpan.FromMilliseconds(1))
            {
                count++;
            }
        }

        return count;
    }
}
