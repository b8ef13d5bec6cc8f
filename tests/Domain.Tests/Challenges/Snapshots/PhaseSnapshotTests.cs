using System.Text.Json;
using System.Text.Json.Serialization;
using Crucible.Grains.Challenges;
using Crucible.Grains.Challenges.News;
using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.TestSupport.Challenges;

namespace Crucible.Domain.Tests.Challenges.Snapshots;

/// <summary>
/// A phase restored from its snapshot is the phase that was snapshotted (docs/durability.md "Assessment accounts"): every
/// field equal, private ones included (<see cref="StateComparer"/>: a field the snapshot forgets fails here), and fed the
/// same tail it produces the same rule events, samples and standing as the phase that never stopped.
/// </summary>
public sealed class PhaseSnapshotTests
{
    // The ledger's JSON (src/Persistence/Ledger/LedgerJson.cs): web defaults, enums by name.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void A_phase_restored_from_its_snapshot_at_random_steps_judges_the_rest_exactly_as_the_uninterrupted_one()
    {
        var coverage = new Dictionary<string, int>();
        var failures = new List<string>();
        foreach (var session in GeneratedSessions.All.Take(400))
        {
            var random = new Random(session.Seed * 7919);
            var (rules, news) = WithSessionRules(session, random);
            var steady = new PhaseRun(session, rules, news);
            var restarted = new PhaseRun(session, rules, news);
            var cutChance = 6.0 / session.Events.Count;
            while (!steady.Done && failures.Count == 0)
            {
                steady.Step();
                restarted.Step();
                if (rules.TimeLimitDays is not null && random.NextDouble() < 0.01)
                {
                    steady.Extend(1);
                    restarted.Extend(1);
                }
                if (random.NextDouble() >= cutChance) continue;

                Count(coverage, restarted.Evaluation, restarted.Published);
                var restored = RoundTrip(restarted, rules, session);
                var differences = StateComparer.Differences(restarted.Evaluation, restored, "phase");
                if (differences.Count > 0)
                    failures.Add($"seed {session.Seed} at {restarted.Now:O}: the restored phase differs:\n  " + string.Join("\n  ", differences));
                restarted.Evaluation = restored;
            }
            if (failures.Count > 0) break;

            var end = StateComparer.Differences(steady.Evaluation, restarted.Evaluation, "phase")
                .Concat(StateComparer.Differences(steady.Published, restarted.Published, "published"))
                .Concat(StateComparer.Differences(steady.Evaluation.State(steady.Now), restarted.Evaluation.State(restarted.Now), "state"))
                .ToList();
            if (end.Count > 0)
                failures.Add($"seed {session.Seed}: after the same tail the phases differ:\n  " + string.Join("\n  ", end));
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // The snapshots were taken in every kind of moment the state can be in, so that none of its parts goes untested.
        foreach (var moment in new[] { "blocked", "locked", "floor raised", "ended", "flat period", "flatten pending", "blackout", "stop deadline", "trades", "objective met", "day rolled", "extended" })
            Assert.True(coverage.GetValueOrDefault(moment) > 0, $"no snapshot taken while {moment}: [{string.Join(", ", coverage.Select(c => $"{c.Key} {c.Value}"))}]");
    }

    [Fact]
    public void A_snapshot_of_other_rules_is_refused()
    {
        var session = GeneratedSessions.All.First(s => s.Rules.DailyLoss is not null && s.Rules.OverallLoss is not null);
        var run = new PhaseRun(session, session.Rules, NewsCalendar.Empty);
        for (var i = 0; i < 10 && !run.Done; i++) run.Step();
        var snapshot = run.Evaluation.Snapshot();
        var other = session.Rules with { DailyLoss = null };
        Assert.Throws<InvalidDataException>(() => PhaseEvaluation.Restore(
            new AccountEvaluation("a-1", 0, other, session.Start), session.InitialBalance, snapshot, [], []));
    }

    private static PhaseEvaluation RoundTrip(PhaseRun run, PhaseRules rules, ChallengeSession session)
    {
        var json = JsonSerializer.Serialize(run.Evaluation.Snapshot(), Json);
        var snapshot = JsonSerializer.Deserialize<PhaseSnapshot>(json, Json)!;
        return PhaseEvaluation.Restore(new AccountEvaluation("a-1", 0, rules, session.Start), session.InitialBalance, snapshot,
            [.. run.Evaluation.Events], [.. run.Evaluation.Samples], news: run.News);
    }

    /// <summary>
    /// The generator's plans leave the session rules out; some runs add a flat-by time (and a weekend close), a stop-loss
    /// deadline, a news blackout around a few events of the session's span, a scaling plan, and an extension of the time limit.
    /// </summary>
    private static (PhaseRules, NewsCalendar) WithSessionRules(ChallengeSession session, Random random)
    {
        var rules = session.Rules;
        if (random.NextDouble() < 0.3)
            rules = rules with { FlatByTime = new TimeOnly(random.Next(24), 30), FlatForWeekend = random.NextDouble() < 0.5 };
        var limits = rules.Limits;
        if (random.NextDouble() < 0.3) limits = limits with { StopLossWithinMinutes = random.Next(5, 240) };
        var news = NewsCalendar.Empty;
        if (random.NextDouble() < 0.3)
        {
            limits = limits with { NewsBlackoutMinutes = random.Next(5, 90) };
            var span = session.Events[^1].Time - session.Start;
            news = new NewsCalendar(Enumerable.Range(0, 6).Select(i =>
                new NewsEvent(session.Start + span * random.NextDouble(), $"news {i}", i % 2 == 0 ? "USD" : null)));
        }
        if (random.NextDouble() < 0.2)
            limits = limits with { ScalingPlan = [new(0m, 50m), new(session.InitialBalance * 1.005m, 100m)] };
        return (rules with { Limits = limits }, news);
    }

    private static void Count(Dictionary<string, int> coverage, PhaseEvaluation phase, IReadOnlyList<RuleEvent> published)
    {
        void Saw(string moment, bool seen)
        {
            if (seen) coverage[moment] = coverage.GetValueOrDefault(moment) + 1;
        }
        var snapshot = phase.Snapshot();
        Saw("blocked", phase.TradingBlocked);
        Saw("locked", published.Any(e => e.Kind == RuleEventKind.FloorMoved && e.Message.EndsWith("(locked)", StringComparison.Ordinal)));
        Saw("floor raised", published.Any(e => e.Kind == RuleEventKind.FloorMoved && e.Rule == "overallLoss"));
        Saw("ended", !phase.IsActive);
        Saw("flat period", phase.Session.FlatUntil is not null);
        Saw("flatten pending", phase.Session.FlattenPending);
        Saw("blackout", phase.Session.Blackout is not null);
        Saw("stop deadline", snapshot.Session.Held.Any(h => h.Deadline is not null));
        Saw("trades", snapshot.Engine.Progress.TradedOrders.Count > 0);
        Saw("objective met", snapshot.Engine.ObjectiveMet.Any(m => m));
        Saw("day rolled", published.Any(e => e.Kind == RuleEventKind.DayRolledOver));
        Saw("extended", snapshot.Engine.Rules.Any(r => r.Days is { } days && days != phase.Evaluation.Rules.TimeLimitDays));
    }
}
