using System.Collections.Concurrent;
using System.Diagnostics;
using Crucible.Grains.Analytics.MonteCarlo;

namespace Crucible.Api.Analytics;

/// <summary>
/// The API host's Monte Carlo runs (docs/monte-carlo.md "Runs"): each runs on its own thread, outside every grain, at
/// most <c>concurrency</c> at once (the rest wait their turn), and is kept by its key (the canonical request and the
/// record it resampled) so that asking again shows its progress or its result. Finished runs are forgotten after
/// <see cref="KeepFor"/>, or oldest first beyond <see cref="MaxKept"/>. Runs live in this host's memory only.
/// </summary>
public sealed class MonteCarloRuns(ILogger<MonteCarloRuns> logger, int concurrency, CancellationToken stopping)
{
    public const int MaxKept = 64;
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Lazy<MonteCarloRun>> runs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim slots = new(concurrency, concurrency);

    /// <summary>The run with this key, started now if there is none.</summary>
    public MonteCarloRun GetOrStart(string key, MonteCarloSource source, MonteCarloSettings settings)
    {
        Forget();
        // Lazy: of two requests racing for a new key, exactly one starts the run, and both see it with its task set.
        return runs.GetOrAdd(key, k => new Lazy<MonteCarloRun>(() =>
            new MonteCarloRun(k, settings.Paths, run => RunAsync(run, source, settings)))).Value;
    }

    private async Task<MonteCarloResult> RunAsync(MonteCarloRun run, MonteCarloSource source, MonteCarloSettings settings)
    {
        await Task.Yield(); // the caller gets the run back at once; the wait for a slot happens here
        await slots.WaitAsync(stopping);
        try
        {
            run.Started();
            var watch = Stopwatch.StartNew();
            // A thread of its own: a 100,000-path run must not hold a pool thread the host's requests and grain calls need.
            var result = await Task.Factory.StartNew(
                () => MonteCarloSimulation.Run(source, settings, run.Progress, stopping),
                stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            logger.LogInformation("Monte Carlo run {RunKey}: {Paths} paths of {HorizonDays} days in {ElapsedMs} ms, pass probability {PassProbability}",
                run.Key, settings.Paths, settings.HorizonDays, watch.ElapsedMilliseconds, result.PassProbability);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Monte Carlo run {RunKey} failed", run.Key);
            throw;
        }
        finally
        {
            run.Finished();
            slots.Release();
        }
    }

    private void Forget()
    {
        var now = DateTimeOffset.UtcNow;
        var finished = runs.Values.Select(l => l.Value).Where(r => r.FinishedAt is not null).OrderBy(r => r.FinishedAt).ToList();
        var excess = runs.Count - MaxKept + 1;
        foreach (var run in finished)
        {
            if (excess <= 0 && now - run.FinishedAt < KeepFor) break;
            if (runs.TryRemove(run.Key, out _)) excess--;
        }
    }
}

/// <summary>One run: how far it got, and its result when done.</summary>
public sealed class MonteCarloRun
{
    private int completedPaths;
    private int started;

    /// <summary>Creates the run and starts it with <paramref name="start"/>, which sees the run (for its progress).</summary>
    public MonteCarloRun(string key, int paths, Func<MonteCarloRun, Task<MonteCarloResult>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        Key = key;
        Paths = paths;
        Completion = start(this);
    }

    public string Key { get; }
    public int Paths { get; }
    public int CompletedPaths => Volatile.Read(ref completedPaths);
    public bool IsStarted => Volatile.Read(ref started) == 1;
    public DateTimeOffset? FinishedAt { get; private set; }
    public Task<MonteCarloResult> Completion { get; }

    internal void Started() => Volatile.Write(ref started, 1);

    internal void Progress(int done) => Volatile.Write(ref completedPaths, done);

    internal void Finished() => FinishedAt = DateTimeOffset.UtcNow;
}
