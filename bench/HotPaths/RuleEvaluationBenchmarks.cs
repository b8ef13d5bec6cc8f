using BenchmarkDotNet.Attributes;
using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.HotPaths;

/// <summary>
/// A phase observing a tick of a held symbol, as the position book grain calls it after every quote: a quiet tick
/// (no rule event) on Classic 2-Step (static floor, daily loss on balance) and on Intraday Trailing 1-Step below its
/// peak, and a tick at a new equity high that moves the trailing floor (a FloorMoved event and an equity sample). Ticks
/// are 100 ms apart within one trading day; each iteration starts a fresh phase at <see cref="Scenario.Start"/>.
/// </summary>
public class RuleEvaluationBenchmarks : HotPathBenchmarks
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private PhaseEvaluation classic = null!;
    private PhaseEvaluation trailing = null!;
    private PhaseEvaluation peaking = null!;
    private RuleEngine engine = null!;
    private PerOperation<Observation> quietObservations = null!;
    private int tick;

    [GlobalSetup]
    public void CheckPaths()
    {
        PreparePhases();
        for (var i = 0; i < 100; i++)
        {
            if (QuietClassic().Count + QuietTrailing().Count + EngineQuiet().Count > 0) throw new InvalidOperationException("a quiet tick produced a rule event");
            if (NewPeakMovesFloor() is not [{ Kind: RuleEventKind.FloorMoved }]) throw new InvalidOperationException("a new peak did not move the floor");
        }
    }

    [IterationSetup]
    public void PreparePhases()
    {
        classic = Scenario.Phase(Scenario.Classic);
        trailing = Scenario.Phase(Scenario.Trailing);
        peaking = Scenario.Phase(Scenario.Trailing);
        engine = new RuleEngine(Scenario.Classic.Phases[0], Scenario.Classic.AccountSize, Scenario.Start);
        quietObservations = new PerOperation<Observation>(i => new Observation(
            Time(i), ObservationCause.Tick, 100_000m, Wiggle(99_990m, i), true, Scenario.Symbol, i + 2, Bid: 65_000m, Ask: 65_010m));
        tick = 0;
    }

    [Benchmark(Description = "PhaseEvaluation.OnTick: quiet (Classic 2-Step)")]
    public IReadOnlyList<RuleEvent> QuietClassic()
    {
        var i = tick++;
        return classic.OnTick(Scenario.Symbol, i + 2, Time(i), 100_000m, Wiggle(99_990m, i), true, 65_000m, 65_010m);
    }

    [Benchmark(Description = "PhaseEvaluation.OnTick: quiet, below the trailing peak")]
    public IReadOnlyList<RuleEvent> QuietTrailing()
    {
        var i = tick++;
        return trailing.OnTick(Scenario.Symbol, i + 2, Time(i), 50_000m, Wiggle(49_990m, i), true, 65_000m, 65_010m);
    }

    [Benchmark(Description = "PhaseEvaluation.OnTick: new peak moves the trailing floor")]
    public IReadOnlyList<RuleEvent> NewPeakMovesFloor()
    {
        var i = tick++;
        return peaking.OnTick(Scenario.Symbol, i + 2, Time(i), 50_000m, 50_000m + 0.01m * (i + 1), true, 65_000m, 65_010m);
    }

    [Benchmark(Description = "RuleEngine.Observe: quiet (Classic 2-Step), observation prebuilt")]
    public IReadOnlyList<RuleEvent> EngineQuiet() => engine.Observe(quietObservations.Next());

    private static DateTimeOffset Time(int i) => Scenario.Start + TickInterval * (i + 1);

    /// <summary>Equity moving by a few dollars each way, never reaching a floor, a target or a new peak.</summary>
    private static decimal Wiggle(decimal around, int i) => around + (i % 2 == 0 ? 5m : -5m);
}
