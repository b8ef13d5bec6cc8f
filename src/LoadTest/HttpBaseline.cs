using System.Diagnostics;

namespace Crucible.LoadTest;

/// <summary>
/// A same-run baseline: one GET path as fast as <see cref="LoadTestOptions.Concurrency"/> workers can send it, for the
/// run's duration. <c>/health</c> is a plain Kestrel endpoint; an instrument's quote adds one grain call.
/// </summary>
public static class HttpBaseline
{
    public sealed record Result(string Path, int Workers, double Seconds, long Requests, long Failures, double RequestsPerSecond, Percentiles LatencyMs);

    public static async Task<Result> RunAsync(LoadTestOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var path = options.Baseline == Baseline.Http ? "/health" : $"/api/v1/instruments/{Uri.EscapeDataString(options.Symbols[0])}";
        using var http = LoadTestRunner.CreateClient(options.Target, options.Concurrency);
        var latency = new LatencyRecorder();
        long requests = 0, failures = 0;
        // A short warm-up (JIT, connections) that is not counted.
        var warmUp = DateTime.UtcNow.AddSeconds(Math.Min(2, options.Duration.TotalSeconds / 5));
        while (DateTime.UtcNow < warmUp)
            using (await http.GetAsync(path, cancellationToken)) { }

        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            while (clock.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
                latency.Record(Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref requests);
            }
        }).ToList();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        var result = new Result(path, options.Concurrency, Math.Round(seconds, 2), requests, failures, Math.Round(requests / seconds, 1), latency.Total());
        output.WriteLine($"baseline GET {path}: {result.RequestsPerSecond:N1} req/s over {seconds:0.0} s with {options.Concurrency} workers, "
            + $"p50 {result.LatencyMs.P50} ms, p99 {result.LatencyMs.P99} ms, {failures} failures");
        return result;
    }
}
