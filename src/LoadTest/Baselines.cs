using System.Diagnostics;
using Crucible.Grains.Interfaces.Benchmarks;

namespace Crucible.LoadTest;

/// <summary>
/// The same-run baselines of the macro benchmark (bench/README.md): one cheap operation as fast as
/// <see cref="LoadTestOptions.Concurrency"/> workers can repeat it for the run's duration, after a short uncounted warm-up.
/// Over HTTP <c>GET /health</c> (a plain Kestrel JSON endpoint) or one instrument (an endpoint making one grain call);
/// over grains <see cref="IPingGrain.PingAsync"/> (a trivial grain call through the gateway) or a one-way fan-out.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// What a baseline measured. <see cref="Requests"/> are the operations the workers completed; a fan-out also counts
    /// the <see cref="Deliveries"/> its targets received, its rate taken until the last one arrived.
    /// </summary>
    public sealed record Result(string What, int Workers, double Seconds, long Requests, long Failures, double RequestsPerSecond, Percentiles LatencyMs,
        long? Deliveries = null, double? DeliveriesPerSecond = null, long? Undelivered = null);

    public static async Task<Result> RunAsync(LoadTestOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var result = options.Baseline switch
        {
            Baseline.Http or Baseline.Quote => await HttpAsync(options, cancellationToken),
            Baseline.GrainCall => await GrainCallAsync(options, cancellationToken),
            Baseline.Fanout => await FanOutAsync(options, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Baseline, "not a baseline"),
        };
        output.WriteLine($"baseline {result.What}: {result.RequestsPerSecond:N1}/s over {result.Seconds:0.0} s with {result.Workers} workers, "
            + $"p50 {result.LatencyMs.P50} ms, p99 {result.LatencyMs.P99} ms, {result.Failures} failures"
            + (result.DeliveriesPerSecond is { } d ? $"; {result.Deliveries:N0} deliveries, {d:N1} deliveries/s, {result.Undelivered:N0} undelivered" : ""));
        return result;
    }

    private static async Task<Result> HttpAsync(LoadTestOptions options, CancellationToken cancellationToken)
    {
        var path = options.Baseline == Baseline.Http ? "/health" : $"/api/v1/instruments/{Uri.EscapeDataString(options.Symbols[0])}";
        using var http = LoadTestRunner.CreateClient(options.Target!, options.Concurrency);
        var loop = await LoopAsync(options, async (_, ct) =>
        {
            try
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, ct);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, cancellationToken);
        return loop.Result($"GET {path}", options.Concurrency);
    }

    private static async Task<Result> GrainCallAsync(LoadTestOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await GrainConnection.ConnectAsync(options, cancellationToken);
        // Each worker pings its own grain, so the workers never queue behind one activation.
        var loop = await LoopAsync(options, async (worker, _) => await connection.Client.GetGrain<IPingGrain>(worker).PingAsync(worker) == worker,
            cancellationToken);
        return loop.Result("IPingGrain.Ping (grain call through the gateway)", options.Concurrency);
    }

    // Fan-out targets are ping grains from this key on; the workers' sources sit below it.
    private const long FirstTarget = 1_000_000;

    /// <summary>
    /// Each worker asks its own source grain to send one one-way delivery to each of <see cref="LoadTestOptions.Accounts"/>
    /// target grains, again and again. The sources answer once sent, so the workers are held back whenever more than a few
    /// rounds are on their way: the rate is what the silo delivers, not what a queue absorbs.
    /// </summary>
    private static async Task<Result> FanOutAsync(LoadTestOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await GrainConnection.ConnectAsync(options, cancellationToken);
        var grains = connection.Client;
        var width = options.Accounts;
        var backlogLimit = (long)width * Math.Max(4, options.Concurrency);
        var targets = Enumerable.Range(0, width).Select(i => grains.GetGrain<IPingGrain>(FirstTarget + i)).ToList();
        long sent = 0;
        var start = await DeliveredAsync();
        var delivered = start;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                    Volatile.Write(ref delivered, await DeliveredAsync());
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);

        var windowStart = 0L;
        var loop = await LoopAsync(options, async (worker, ct) =>
        {
            while (Interlocked.Read(ref sent) - (Volatile.Read(ref delivered) - start) > backlogLimit)
                await Task.Delay(1, ct);
            await grains.GetGrain<IPingGrain>(worker).FanOutAsync(FirstTarget, width);
            Interlocked.Add(ref sent, width);
            return true;
        }, cancellationToken, afterWarmUp: async ct =>
        {
            // The window counts only its own deliveries: the warm-up's arrive first.
            windowStart = (await UntilDeliveredAsync(start + Interlocked.Read(ref sent), null, ct)).Count;
        });
        await stop.CancelAsync();
        await watcher;

        // Deliveries still on their way when the workers stop belong to the window: its rate runs until the last arrives.
        var expected = start + Interlocked.Read(ref sent);
        var (arrived, at) = await UntilDeliveredAsync(expected, loop.Clock, cancellationToken);
        var measured = arrived - windowStart;
        return loop.Result($"one-way fan-out to {width} grains", options.Concurrency) with
        {
            Deliveries = measured,
            DeliveriesPerSecond = Math.Round(measured / at.TotalSeconds, 1),
            Undelivered = expected - arrived,
        };

        async Task<long> DeliveredAsync() => (await Task.WhenAll(targets.Select(t => t.GetDeliveriesAsync()))).Sum();

        // Polls until the count reaches what was sent (or stops moving for 5 s: a delivery lost); the count and when it was read.
        async Task<(long Count, TimeSpan At)> UntilDeliveredAsync(long target, Stopwatch? clock, CancellationToken ct)
        {
            var (last, lastMoved) = (-1L, Stopwatch.StartNew());
            while (true)
            {
                var count = await DeliveredAsync();
                var at = clock?.Elapsed ?? TimeSpan.Zero;
                if (count >= target || lastMoved.Elapsed > TimeSpan.FromSeconds(5)) return (count, at);
                if (count != last) (last, lastMoved) = (count, Stopwatch.StartNew());
                await Task.Delay(10, ct);
            }
        }
    }

    /// <summary>The workers' run: operations, failures and latencies, on a clock started after the warm-up and still running.</summary>
    private sealed record Loop(Stopwatch Clock, double Seconds, long Requests, long Failures, Percentiles LatencyMs)
    {
        public Result Result(string what, int workers) =>
            new(what, workers, Math.Round(Seconds, 2), Requests, Failures, Math.Round(Requests / Seconds, 1), LatencyMs);
    }

    /// <summary>
    /// A short serial warm-up that is not counted (JIT, connections, activations), <paramref name="afterWarmUp"/>, then
    /// <see cref="LoadTestOptions.Concurrency"/> workers repeating <paramref name="call"/> (given the worker's index;
    /// false or an exception is a failure) for the duration.
    /// </summary>
    private static async Task<Loop> LoopAsync(LoadTestOptions options, Func<int, CancellationToken, Task<bool>> call, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? afterWarmUp = null)
    {
        var warmUp = Stopwatch.StartNew();
        var warmUpFor = TimeSpan.FromSeconds(Math.Min(2, options.Duration.TotalSeconds / 5));
        while (warmUp.Elapsed < warmUpFor)
            await Attempt(0);
        if (afterWarmUp is not null) await afterWarmUp(cancellationToken);

        var latency = new LatencyRecorder();
        long requests = 0, failures = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            while (clock.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (!await Attempt(worker)) Interlocked.Increment(ref failures);
                latency.Record(Stopwatch.GetElapsedTime(started));
                Interlocked.Increment(ref requests);
            }
        }).ToList();
        await Task.WhenAll(workers);
        return new Loop(clock, clock.Elapsed.TotalSeconds, requests, failures, latency.Total());

        async Task<bool> Attempt(int worker)
        {
            try
            {
                return await call(worker, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return false;
            }
        }
    }
}
