using System.Diagnostics;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Hosting;
using HdrHistogram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Assessment purchases as they accumulate: buys N assessments (simulated payment, the default plan catalog) through
// the grain API of an embedded silo, K at a time, and prints the rate and latency of each 1,000, so a purchase path
// that slows as the directory grows shows up as a falling rate. Same-run baseline: a trivial grain call (the
// evaluator roster's IsEvaluatorAsync) at the same concurrency.
// Usage: dotnet run -c Release --project bench/AssessmentPurchases -- [count=10000] [concurrency=16]
var count = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var concurrency = args.Length > 1 ? int.Parse(args[1]) : 16;

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Orleans:SiloPort"] = "11191",
    ["Orleans:GatewayPort"] = "30091",
    ["Crucible:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "config", "instruments.json"),
    ["Crucible:PlansPath"] = Path.Combine(AppContext.BaseDirectory, "config", "plans.json"),
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo.UseCrucibleLocalhostClustering(builder.Configuration).AddCrucible(builder.Configuration));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

// Baseline: trivial grain calls at the same concurrency.
var roster = grains.GetGrain<IEvaluatorRosterGrain>(0);
var baselineCalls = 50_000;
var started = Stopwatch.GetTimestamp();
await Parallel.ForEachAsync(Enumerable.Range(0, baselineCalls), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
    async (_, _) => await roster.IsEvaluatorAsync("nobody"));
var baselineRate = baselineCalls / Stopwatch.GetElapsedTime(started).TotalSeconds;

Console.WriteLine($"Buying {count:N0} assessments, {concurrency} at a time, on an embedded silo (in-memory storage)");
Console.WriteLine($"{"assessments",12} {"purchases/s",12} {"p50 ms",8} {"p99 ms",8}");
var run = Guid.NewGuid().ToString("N")[..6];
var rates = new List<double>();
for (var batch = 0; batch < count / 1_000; batch++)
{
    var latency = new LongHistogram(TimeStamp.Seconds(60), 3);
    var gate = new Lock();
    var batchStarted = Stopwatch.GetTimestamp();
    await Parallel.ForEachAsync(Enumerable.Range(batch * 1_000, 1_000), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
    {
        var callStarted = Stopwatch.GetTimestamp();
        var result = await grains.GetGrain<IAssessmentGrain>(AssessmentIds.ForPurchase($"b{run}-{i}"))
            .PurchaseAsync(new PurchaseRequest("classic-2step-100k", $"trader-{i % 500}", "tok_visa"));
        if (result.Error is { } error) throw new InvalidOperationException($"purchase {i}: {error.Message}");
        lock (gate) latency.RecordValue((long)Stopwatch.GetElapsedTime(callStarted).TotalMicroseconds);
    });
    var rate = 1_000 / Stopwatch.GetElapsedTime(batchStarted).TotalSeconds;
    rates.Add(rate);
    Console.WriteLine($"{(batch + 1) * 1_000,12:N0} {rate,12:N0} {latency.GetValueAtPercentile(50) / 1000.0,8:F1} {latency.GetValueAtPercentile(99) / 1000.0,8:F1}");
}

var listed = await grains.GetGrain<IAssessmentDirectoryGrain>(0).ListAsync(new AssessmentQuery(Limit: 10));
Console.WriteLine($"baseline: trivial grain call {baselineRate:N0} calls/s at concurrency {concurrency}");
Console.WriteLine($"last 1,000 vs first 1,000: {rates[^1] / rates[0]:P0} of the rate; directory lists {listed.Count} newest");
await host.StopAsync();
