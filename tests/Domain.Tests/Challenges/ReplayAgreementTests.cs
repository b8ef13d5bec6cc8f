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
        var session = GeneratedSessions.All.First(s =>
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

    private static void AssertAgreement(Func<ChallengeSession, IChallengeJudge> createJudge)
    {
        var disagreements = new List<string>();
        foreach (var session in GeneratedSessions.All)
        {
            if (ChallengeAgreement.Compare(session, createJudge) is { } disagreement)
            {
                disagreements.Add(disagreement);
            }
        }

        Assert.True(
            disagreements.Count == 0,
            $"{disagreements.Count} of {GeneratedSessions.All.Count} sessions disagree. The first ones:\n\n" + string.Join("\n\n", disagreements.Take(5)));
    }
}
