using System.Globalization;
using System.Text;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Challenges;
using Crucible.TestSupport.Trading;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// The grains and the independent replay (tests/TestSupport/Challenges) must judge every generated session alike:
/// a thousand sessions run through a real position book grain, and the replay judges the inputs the grain acted on
/// (its quotes, its clock steps, the fills it made). Same status, same end time, same rule, ended at the same tick or
/// fill; the same soft breaches and resumptions; and every rule event carries the balance and equity the replay
/// computes for that observation.
/// </summary>
[Collection(ChallengeClusterCollection.Name)]
public sealed class GrainReplayAgreementTests(ChallengeClusterFixture fixture)
{
    private const int Sessions = 1_000;

    [Fact]
    public async Task Position_book_grains_agree_with_the_replay_on_a_thousand_generated_sessions()
    {
        var runner = new GrainSessionRunner(fixture);
        var disagreements = new List<string>();
        var outcomes = new Dictionary<PhaseStatus, int>();
        var offMarket = new List<string>();
        for (var seed = 1; seed <= Sessions; seed++)
        {
            var session = ChallengeSessionGenerator.Generate(seed);
            var run = await runner.RunAsync(session);
            outcomes[run.Evaluation.Status] = outcomes.GetValueOrDefault(run.Evaluation.Status) + 1;
            if (Compare(session, run) is { } disagreement)
                disagreements.Add(disagreement);
            offMarket.AddRange(await OffMarketFillsAsync(fixture, session, run));
        }

        Assert.True(offMarket.Count == 0, $"{offMarket.Count} fills at prices the market did not offer:\n" + string.Join("\n", offMarket.Take(10)));

        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} of {Sessions} sessions disagree. The first ones:\n\n" + string.Join("\n\n", disagreements.Take(5)));
        // Every outcome occurs, so the agreement is not vacuous.
        Assert.All(new[] { PhaseStatus.Active, PhaseStatus.Passed, PhaseStatus.Failed, PhaseStatus.Expired },
            status => Assert.True(outcomes.GetValueOrDefault(status) > 0, $"no session ended {status}"));
    }

    /// <summary>Every fill of the session, the flattening ones included, at a tick's touch (no slippage in these terms).</summary>
    internal static async Task<IEnumerable<string>> OffMarketFillsAsync(ChallengeClusterFixture fixture, ChallengeSession session, GrainSessionResult run)
    {
        var specs = ChallengeSessionGenerator.InstrumentSpecs.ToDictionary(
            i => i.Symbol, i => new InstrumentSpec(i.Symbol, i.Symbol, i.Kind, "USD", i.TickSize, i.LotSize, i.Multiplier, null));
        var invariant = new FillPriceInvariant(new SlippageTerms(0m, 0m), specs.GetValueOrDefault);
        foreach (var tick in session.Events.OfType<SessionEvent.Tick>())
            invariant.Saw(new Quote(tick.Symbol, tick.Bid, tick.Ask, tick.Bid, 0m, tick.Time, tick.Sequence));
        var orders = (await fixture.Client.GetGrain<IPositionBookGrain>(run.AccountId).GetOrdersAsync(OrderStatusFilter.All)).ToDictionary(o => o.Id);
        return run.Fills.SelectMany(f => invariant.Check(f, orders.GetValueOrDefault(f.OrderId)).Select(p => $"seed {session.Seed}: {p}")).ToList();
    }

    /// <summary>Null when the grain's run and the replay of what it acted on agree; else what differs, where.</summary>
    internal static string? Compare(ChallengeSession session, GrainSessionResult run)
    {
        var replay = ChallengeReplay.Run(session.Rules, session.InitialBalance, session.Start, run.Effective, session.Multipliers, session.Commissions);
        var evaluation = run.Evaluation;
        var ending = run.RuleEvents.LastOrDefault(e => e.Kind is RuleEventKind.Breach or RuleEventKind.Passed or RuleEventKind.Expired);
        int? endingIndex = ending is null ? null : IndexOf(ending, run.Effective);
        var grain = new ReplayVerdict(evaluation.Status, evaluation.EndedAt, evaluation.EndedBy, endingIndex);
        if (grain != replay.Verdict)
            return Describe(session, run, replay, replay.Verdict.EndingEventIndex ?? endingIndex ?? 0, "verdicts differ", grain);

        // Blocking and resuming are compared while the phase is active: a soft breach recorded at the observation that
        // also fails the phase changes nothing.
        var activeUntil = replay.Verdict.EndingEventIndex ?? int.MaxValue;
        var grainBlocks = Transitions(run, RuleEventKind.SoftBreach).Where(i => i < activeUntil).ToList();
        var replayBlocks = ReplayTransitions(replay, blocked: true).Where(i => i < activeUntil).ToList();
        if (!grainBlocks.SequenceEqual(replayBlocks))
            return Describe(session, run, replay, FirstDifference(grainBlocks, replayBlocks), $"soft breaches differ (grain at [{string.Join(", ", grainBlocks)}], replay at [{string.Join(", ", replayBlocks)}])", grain);

        var grainResumes = Transitions(run, RuleEventKind.TradingResumed).Where(i => i < activeUntil).ToList();
        var replayResumes = ReplayTransitions(replay, blocked: false).Where(i => i < activeUntil).ToList();
        if (!grainResumes.SequenceEqual(replayResumes))
            return Describe(session, run, replay, FirstDifference(grainResumes, replayResumes), $"resumptions differ (grain at [{string.Join(", ", grainResumes)}], replay at [{string.Join(", ", replayResumes)}])", grain);

        foreach (var ruleEvent in run.RuleEvents.Where(e => e.Cause != ObservationCause.Start))
        {
            var index = IndexOf(ruleEvent, run.Effective);
            if (index is not { } i)
                return Describe(session, run, replay, 0, $"rule event {ruleEvent} matches no input", grain);
            var step = replay.Steps[i];
            var replayed = IsLiquidation(ruleEvent, run.Effective)
                ? step.Liquidations.Any(l => l.Balance == ruleEvent.Balance && l.Equity == ruleEvent.Equity)
                : step.Balance == ruleEvent.Balance && step.Equity == ruleEvent.Equity;
            if (!replayed)
                return Describe(session, run, replay, i,
                    $"rule event {ruleEvent.Rule} {ruleEvent.Kind} saw balance {ruleEvent.Balance}, equity {ruleEvent.Equity}; the replay {step.Balance}, {step.Equity}", grain);
        }

        return null;
    }

    private static List<int> Transitions(GrainSessionResult run, RuleEventKind kind) =>
        [.. run.RuleEvents.Where(e => e.Kind == kind).Select(e => IndexOf(e, run.Effective) ?? -2)];

    private static List<int> ReplayTransitions(ReplayResult replay, bool blocked)
    {
        var indexes = new List<int>();
        var before = false;
        foreach (var step in replay.Steps)
        {
            if (step.TradingBlocked != before && step.TradingBlocked == blocked)
                indexes.Add(step.EventIndex);
            before = step.TradingBlocked;
        }

        return indexes;
    }

    private static int FirstDifference(List<int> a, List<int> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            if (a[i] != b[i]) return Math.Min(a[i], b[i]);
        return a.Count > b.Count ? a[b.Count] : b.Count > a.Count ? b[a.Count] : 0;
    }

    /// <summary>
    /// The input a rule event was evaluated on: its tick, its fill, or the clock step at its time; a liquidation fill's
    /// (the grain's flatten) belongs to the input that breached, the last one at or before it.
    /// </summary>
    private static int? IndexOf(RuleEvent ruleEvent, IReadOnlyList<SessionEvent> effective)
    {
        if (ruleEvent.Cause == ObservationCause.Start) return -1;
        for (var i = 0; i < effective.Count; i++)
            if (GrainSessionRunner.Caused(ruleEvent, effective[i])) return i;
        if (ruleEvent.Cause != ObservationCause.Fill) return null;
        var last = -1;
        for (var i = 0; i < effective.Count && effective[i].Time <= ruleEvent.Time; i++) last = i;
        return last >= 0 ? last : null;
    }

    private static bool IsLiquidation(RuleEvent ruleEvent, IReadOnlyList<SessionEvent> effective) =>
        ruleEvent.Cause == ObservationCause.Fill && !effective.Any(e => e is SessionEvent.Fill f && f.FillId == ruleEvent.FillId);

    private static string Describe(ChallengeSession session, GrainSessionResult run, ReplayResult replay, int eventIndex, string what, ReplayVerdict grain)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Seed {session.Seed} ({run.AccountId}): {what} at input {eventIndex} of {run.Effective.Count}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"  grain:  {grain}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  replay: {replay.Verdict}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  initial {session.InitialBalance}, start {session.Start:O}, rules: {session.Rules}");
        for (var i = Math.Max(0, eventIndex - 3); i <= Math.Min(run.Effective.Count - 1, eventIndex + 1); i++)
        {
            var step = replay.Steps[i];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  [{i}] {run.Effective[i]} → balance {step.Balance}, equity {step.Equity}, blocked {step.TradingBlocked}, {step.Status}");
        }

        foreach (var ruleEvent in run.RuleEvents.Where(e => e.Kind is not (RuleEventKind.DayRolledOver or RuleEventKind.FloorMoved)).Take(12))
            text.AppendLine(CultureInfo.InvariantCulture, $"  grain event: {ruleEvent}");
        return text.ToString();
    }
}
