using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// Runs every path of a Monte Carlo run on the calling thread and sums them up. Pure and deterministic: the same source
/// and settings give the same result, whatever the machine. The caller chooses where it runs (the API runs it on a
/// background job, never on a grain's turn) and hears progress every <see cref="ProgressEvery"/> paths.
/// </summary>
public static class MonteCarloSimulation
{
    public const int ProgressEvery = 1_000;

    /// <exception cref="ArgumentException">The source is empty or a setting is out of range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled between paths.</exception>
    public static MonteCarloResult Run(MonteCarloSource source, MonteCarloSettings settings, Action<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Paths, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.Paths, MonteCarloSettings.MaxPaths);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.HorizonDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.HorizonDays, MonteCarloSettings.MaxHorizonDays);
        if (source.Unit == ResampleUnit.Trades) ArgumentOutOfRangeException.ThrowIfLessThan(source.TradesPerDay, 1);
        if (settings.MeanBlockLength is { } asked && !(double.IsFinite(asked) && asked >= 1))
            throw new ArgumentOutOfRangeException(nameof(settings), asked, "the mean block length must be a finite number of at least 1");
        double? blockLength = settings.Method == ResampleMethod.Block
            ? settings.MeanBlockLength ?? MonteCarloSettings.DefaultBlockLength(source.Count)
            : null;
        var simulator = new PathSimulator(source, settings, blockLength ?? 1.0);

        var drawdowns = new decimal[settings.Paths];
        var finals = new decimal[settings.Paths];
        var endedBy = new Dictionary<string, int>(StringComparer.Ordinal);
        int passed = 0, failed = 0, expired = 0;
        long daysToPass = 0;
        for (var path = 0; path < settings.Paths; path++)
        {
            if (path % ProgressEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (path > 0) progress?.Invoke(path);
            }
            var outcome = simulator.Run(path);
            drawdowns[path] = outcome.MaxDrawdown;
            finals[path] = outcome.FinalPnl;
            switch (outcome.Status)
            {
                case PhaseStatus.Passed:
                    passed++;
                    daysToPass += outcome.Days;
                    break;
                case PhaseStatus.Failed:
                    failed++;
                    break;
                case PhaseStatus.Expired:
                    expired++;
                    break;
            }
            if (outcome.EndedBy is { } rule) endedBy[rule] = endedBy.GetValueOrDefault(rule) + 1;
        }
        progress?.Invoke(settings.Paths);

        var n = settings.Paths;
        return new MonteCarloResult(
            n, settings.Seed, settings.Method, source.Unit, blockLength, settings.HorizonDays, source.Count,
            source.Unit == ResampleUnit.Trades ? source.TradesPerDay : null,
            (double)passed / n, ProbabilityInterval.Wilson(passed, n),
            passed > 0 ? (double)daysToPass / passed : null,
            (double)failed / n, ProbabilityInterval.Wilson(failed, n),
            new PathCounts(passed, failed, expired, n - passed - failed - expired),
            endedBy, Percentiles.Of(drawdowns), Percentiles.Of(finals));
    }
}
