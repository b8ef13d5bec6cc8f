using HdrHistogram;

namespace Crucible.LoadTest;

/// <summary>
/// One latency distribution in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes): the whole run's, and
/// the interval since the progress line last asked.
/// </summary>
public sealed class LatencyRecorder
{
    private const long Highest = 600_000_000;

    private readonly Recorder recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1).WithValuesUpTo(Highest).WithPrecisionOf(3)
        .WithThreadSafeWrites().WithThreadSafeReads().Create();

    private readonly LongHistogram total = new(1, Highest, 3);
    private readonly Lock gate = new();

    public void Record(TimeSpan elapsed) => recorder.RecordValue(Math.Clamp((long)elapsed.TotalMicroseconds, 1, Highest));

    /// <summary>The interval since the last call, folded into the total.</summary>
    public Percentiles Interval()
    {
        lock (gate)
        {
            var interval = recorder.GetIntervalHistogram();
            total.Add(interval);
            return Percentiles.Of(interval);
        }
    }

    public Percentiles Total()
    {
        lock (gate)
        {
            total.Add(recorder.GetIntervalHistogram());
            return Percentiles.Of(total);
        }
    }
}

/// <summary>A latency distribution's summary in milliseconds.</summary>
public sealed record Percentiles(long Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static readonly Percentiles Empty = new(0, 0, 0, 0, 0, 0, 0);

    public static Percentiles Of(HistogramBase h) => h.TotalCount == 0 ? Empty : new(
        h.TotalCount,
        Ms(h.GetValueAtPercentile(50)), Ms(h.GetValueAtPercentile(90)), Ms(h.GetValueAtPercentile(99)),
        Ms(h.GetValueAtPercentile(99.9)), Ms(h.GetMaxValue()), Math.Round(h.GetMean() / 1000.0, 3));

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
