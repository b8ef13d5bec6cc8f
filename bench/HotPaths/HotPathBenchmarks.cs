using BenchmarkDotNet.Attributes;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.HotPaths;

/// <summary>
/// What every hot-path class shares: the memory diagnoser and a same-run baseline, one dictionary lookup of the latest
/// quote (what a grain does first with any tick), so each figure reads as a multiple of it. A new hot path (the band
/// check) is one more class deriving from this one.
/// </summary>
[MemoryDiagnoser]
public abstract class HotPathBenchmarks
{
    /// <summary>Operations per measured iteration (the job's invocation count): one prepared account each where it matters.</summary>
    public const int OperationsPerIteration = 16_384;

    private readonly Dictionary<string, Quote> latest = Scenario.Instruments.All
        .ToDictionary(i => i.Symbol, i => Scenario.QuoteOf(i.Symbol, 100m, 100.01m, 1), StringComparer.Ordinal);

    [Benchmark(Baseline = true, Description = "baseline: latest quote by symbol (dictionary lookup)")]
    public Quote? QuoteLookup() => latest.GetValueOrDefault(Scenario.Symbol);
}
