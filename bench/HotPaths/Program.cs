using BenchmarkDotNet.Running;
using Crucible.HotPaths;

// The in-process hot paths without a silo: the domain classes the position book grain calls, called directly.
// Usage: dotnet run -c Release --project bench/HotPaths -- --filter '*'   (or a class: --filter '*RuleEvaluation*')
BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args, HotPathConfig.Create());
