using System.Diagnostics;
using Crucible.Grains.Analytics.MonteCarlo;
using Crucible.Grains.Challenges;
using Crucible.Grains.Challenges.Plans;
using Crucible.Grains.Interfaces.Challenges;

// Monte Carlo paths per second on one core (a Stopwatch console, not BenchmarkDotNet: one figure and its baseline,
// measured in the same process). Usage: dotnet run -c Release --project bench/MonteCarlo -- [paths=10000] [rounds=5]
var paths = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;

// The 30-day plan: Classic 2-Step's challenge phase (100k, 10 % target, 5 % daily, 10 % static overall, 4 trading days)
// with a 30-day time limit; paths run 30 trading days.
var catalog = PlanCatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "config", "plans.json"));
var plan = catalog.Find("classic-2step-100k") ?? throw new InvalidOperationException("classic-2step-100k is not in the catalog");
var rules = plan.Phases[0] with { TimeLimitDays = 30 };
const int horizon = 30;

// The trader's record: 60 trading days, +1,200 on 55 % of them and −900 otherwise, each dipping 600 below its open.
var random = new Random(7);
var days = Enumerable.Range(0, 60).Select(_ => random.NextDouble() < 0.55
    ? new SourceDay(1_200m, -600m, 3)
    : new SourceDay(-900m, -1_500m, 2)).ToArray();
var source = MonteCarloSource.OfDays(rules, plan.AccountSize, days);

Console.WriteLine($"Monte Carlo: {paths:N0} paths × {horizon} days of {plan.Id} phase 1 (30-day limit), {Environment.ProcessorCount} cores, one used");
Console.WriteLine("round  paths/s (block)  paths/s (iid)  baseline paths/s  block ÷ baseline  pass p (block)");
for (var round = 1; round <= rounds; round++)
{
    var block = Time(() => MonteCarloSimulation.Run(source, new MonteCarloSettings(paths, 42, ResampleMethod.Block, null, horizon)), out var result);
    var iid = Time(() => MonteCarloSimulation.Run(source, new MonteCarloSettings(paths, 42, ResampleMethod.Iid, null, horizon)), out _);
    var baseline = Time(() => Baseline(rules, plan.AccountSize, days, paths, horizon), out _);
    Console.WriteLine($"{round,5}  {paths / block,15:N0}  {paths / iid,13:N0}  {paths / baseline,16:N0}  {baseline / block,16:P0}  {result.PassProbability,14:P2}");
}
Allocation(rules, plan.AccountSize, days, paths, horizon);

static double Time<T>(Func<T> run, out T result)
{
    var watch = Stopwatch.StartNew();
    result = run();
    return watch.Elapsed.TotalSeconds;
}

// Bytes the engine allocates: the baseline's observations built beforehand (a path's observations depend only on its
// first record day), then fed to fresh engines; construction is measured apart from the observations.
static void Allocation(PhaseRules rules, decimal initial, SourceDay[] days, int paths, int horizon)
{
    var opens = PathSimulator.DayOpens(rules, horizon);
    var scripts = new Observation[days.Length][];
    for (var first = 0; first < days.Length; first++)
    {
        var script = new List<Observation>();
        var balance = initial;
        script.Add(new Observation(opens[0], ObservationCause.Start, balance, balance, false));
        for (var d = 0; d < horizon; d++)
        {
            var day = days[(first + d) % days.Length];
            if (d > 0) script.Add(new Observation(opens[d], ObservationCause.Clock, balance, balance, false));
            script.Add(new Observation(opens[d].AddMinutes(1), ObservationCause.Tick, balance, balance + day.Low, true));
            balance += day.Pnl;
            script.Add(new Observation(opens[d].AddMinutes(2), ObservationCause.Fill, balance, balance, false, OrderId: "b", FillNetPnl: day.Pnl));
        }
        scripts[first] = [.. script];
    }
    var engines = new RuleEngine[paths];
    var before = GC.GetAllocatedBytesForCurrentThread();
    for (var p = 0; p < paths; p++) engines[p] = new RuleEngine(rules, initial, opens[0]);
    var constructed = GC.GetAllocatedBytesForCurrentThread();
    long observations = 0, quiet = 0, quietBytes = 0;
    for (var p = 0; p < paths; p++)
    {
        var engine = engines[p];
        foreach (var observation in scripts[p % days.Length])
        {
            if (engine.Status != PhaseStatus.Active) break;
            var start = GC.GetAllocatedBytesForCurrentThread();
            var produced = engine.Observe(observation);
            if (produced.Count == 0)
            {
                quiet++;
                quietBytes += GC.GetAllocatedBytesForCurrentThread() - start;
            }
            observations++;
        }
    }
    var observed = GC.GetAllocatedBytesForCurrentThread();
    Console.WriteLine($"engine allocation: {(double)(observed - constructed) / observations:N0} B per observation over {observations:N0} observations " +
        $"(rule events and their messages included); {(double)quietBytes / Math.Max(1, quiet):N0} B per observation that caused no event " +
        $"({quiet:N0}); {(double)(constructed - before) / paths:N0} B per engine constructed");
}

// The baseline: one path's rule evaluation alone, repeated — the same observations per day (open, low, close) of the
// record's days in order, fed to a fresh RuleEngine, with no resampling, no bookkeeping and no summary.
static int Baseline(PhaseRules rules, decimal initial, SourceDay[] days, int paths, int horizon)
{
    var opens = PathSimulator.DayOpens(rules, horizon);
    var passed = 0;
    for (var p = 0; p < paths; p++)
    {
        var engine = new RuleEngine(rules, initial, opens[0]);
        var balance = initial;
        engine.Observe(new Observation(opens[0], ObservationCause.Start, balance, balance, false));
        for (var d = 0; d < horizon && engine.Status == PhaseStatus.Active; d++)
        {
            var day = days[(p + d) % days.Length];
            if (d > 0) engine.Observe(new Observation(opens[d], ObservationCause.Clock, balance, balance, false));
            engine.Observe(new Observation(opens[d].AddMinutes(1), ObservationCause.Tick, balance, balance + day.Low, true));
            balance += day.Pnl;
            engine.Observe(new Observation(opens[d].AddMinutes(2), ObservationCause.Fill, balance, balance, false, OrderId: "b", FillNetPnl: day.Pnl));
        }
        if (engine.Status == PhaseStatus.Passed) passed++;
    }
    return passed;
}
