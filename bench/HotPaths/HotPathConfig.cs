using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Crucible.HotPaths;

/// <summary>
/// BenchmarkDotNet's ShortRun (1 launch, 3 warm-up and 3 measured iterations) with a fixed number of operations per
/// iteration: each iteration starts from accounts prepared in its set-up, one per operation where the operation changes
/// the account, so every operation meets the same state and no book grows without bound over a run.
/// </summary>
public static class HotPathConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.ShortRun
            .WithInvocationCount(HotPathBenchmarks.OperationsPerIteration)
            .WithUnrollFactor(1)
            .AsDefault())
        // The runner is built out of process from the Grains project up (Orleans code generation included): on a busy
        // 2-core machine that takes longer than the default two minutes.
        .WithBuildTimeout(TimeSpan.FromMinutes(10))
        // Results under the build output (ignored by git), not wherever the command was run from.
        .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
}
