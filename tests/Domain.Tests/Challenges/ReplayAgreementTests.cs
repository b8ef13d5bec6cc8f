using Crucible.Grains.Interfaces.Challenges;
using Crucible.TestSupport.Challenges;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>
/// The rule engine and the independently written replay (tests/TestSupport/Challenges) must reach the same verdict
/// on every generated session: same status, same end time, same rule, at the same event. Both judge the same
/// inputs: the engine is fed the replay's account numbers through <see cref="ObservationFeed"/>.
/// </summary>
public sealed class ReplayAgreementTests
{
    private const int FirstSeed = 1;
    private const int SessionCount = 1_000;

    private static readonly IEnumerable<int> Seeds = Enumerable.Range(FirstSeed, SessionCount);

    // Generated once for all the tests of the class: the sessions are immutable.
    private static readonly Lazy<IReadOnlyList<ChallengeSession>> Sessions =
        new(() => Seeds.Select(ChallengeSessionGenerator.Generate).ToList());

    [Fact]
    public void Rule_engine_agrees_with_the_replay_on_every_generated_session() =>
        AssertAgreement(s => new RuleEngineJudge(s.Rules, s.InitialBalance, s.Start));

    /// <summary>The replay's own rules, fed through the observation feed, reach the replay's verdict: the feed carries
    /// everything the rules need, and the harness compares what it should.</summary>
    [Fact]
    public void Replay_rules_driven_by_the_observation_feed_agree_with_the_replay() =>
        AssertAgreement(s => new ReplayObservationJudge(s.Rules, s.InitialBalance, s.Start));

    [Fact]
    public void A_disagreement_is_reported_with_the_seed_the_rules_the_event_and_both_verdicts()
    {
        // A judge that reads every hard daily limit as soft disagrees on the first session failed by a hard one.
        var session = Sessions.Value.First(s =>
            s.Rules.DailyLoss?.Severity == BreachSeverity.Hard && s.Replay().Verdict.EndedBy == "dailyLoss");
        var replay = session.Replay().Verdict;

        var report = ChallengeAgreement.Compare(session, s => new ReplayObservationJudge(
            s.Rules with { DailyLoss = s.Rules.DailyLoss! with { Severity = BreachSeverity.Soft } }, s.InitialBalance, s.Start));

        Assert.NotNull(report);
        Assert.StartsWith($"Seed {session.Seed}: ", report, StringComparison.Ordinal);
        Assert.Contains($" at event {replay.EndingEventIndex} of {session.Events.Count}.", report, StringComparison.Ordinal);
        Assert.Contains($"replay: {replay}", report, StringComparison.Ordinal);
        Assert.Contains("engine: ReplayVerdict { Status = ", report, StringComparison.Ordinal);
        Assert.Contains($"rules: {session.Rules}", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_sessions_reach_every_outcome_and_exercise_every_rule_variant()
    {
        var outcomes = new Dictionary<string, int>();
        var variants = new HashSet<string>();
        var softBreaches = 0;
        var sessionsWithAShortOrLongDay = 0;
        var dips = 0;

        foreach (var session in Sessions.Value)
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
            "Passed/profitTarget", "Failed/dailyLoss", "Failed/overallLoss", "Expired/timeLimit", "Expired/inactivity", "Active/",
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

    private static void AssertAgreement(Func<ChallengeSession, IChallengeJudge> createJudge)
    {
        var disagreements = new List<string>();
        foreach (var session in Sessions.Value)
        {
            if (ChallengeAgreement.Compare(session, createJudge) is { } disagreement)
            {
                disagreements.Add(disagreement);
            }
        }

        Assert.True(
            disagreements.Count == 0,
            $"{disagreements.Count} of {SessionCount} sessions disagree. The first ones:\n\n" + string.Join("\n\n", disagreements.Take(5)));
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
