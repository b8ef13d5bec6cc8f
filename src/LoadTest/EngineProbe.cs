using System.Globalization;

namespace Crucible.LoadTest;

/// <summary>
/// The engine process's CPU and memory: from /proc when its pid is given (the engine runs on this machine), else from
/// its /metrics (the runtime's dotnet_process_* series).
/// </summary>
public sealed class EngineProbe(HttpClient? http, int? pid)
{
    public readonly record struct Reading(DateTimeOffset At, double CpuSeconds, double RssBytes);

    private readonly List<Reading> readings = [];

    public string Source => pid is not null ? $"/proc/{pid}" : http is not null ? "/metrics" : "none";

    public async Task<Reading?> ReadAsync(CancellationToken cancellationToken)
    {
        Reading? reading = pid is { } p ? FromProc(p) : FromMetrics(await PrometheusScrape.ReadAsync(http, cancellationToken));
        if (reading is { } r)
            lock (readings) readings.Add(r);
        return reading;
    }

    public static Reading? FromMetrics(PrometheusScrape scrape) =>
        scrape.Has("dotnet_process_cpu_time_seconds_total")
            ? new Reading(DateTimeOffset.UtcNow, scrape.Sum("dotnet_process_cpu_time_seconds_total"), scrape.Sum("dotnet_process_memory_working_set_bytes"))
            : null;

    private static Reading? FromProc(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command (which may hold spaces) start after its closing parenthesis: utime is the 14th field.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            var rssKb = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common architecture.
            return new Reading(DateTimeOffset.UtcNow, ticks / 100.0, double.Parse(rssKb, CultureInfo.InvariantCulture) * 1024);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Average CPU (% of one core) between the first and last reading, and the peak and last resident memory.</summary>
    public EngineResources Summary()
    {
        lock (readings)
        {
            if (readings.Count == 0) return new EngineResources(Source, null, null, null);
            var first = readings[0];
            var last = readings[^1];
            var seconds = (last.At - first.At).TotalSeconds;
            double? cpu = seconds > 0 ? Math.Round(100 * (last.CpuSeconds - first.CpuSeconds) / seconds, 1) : null;
            return new EngineResources(Source, cpu, Math.Round(readings.Max(r => r.RssBytes) / 1048576.0, 1), Math.Round(last.RssBytes / 1048576.0, 1));
        }
    }
}

/// <summary>The engine's CPU (% of one core, averaged over the run) and resident memory (MiB).</summary>
public sealed record EngineResources(string Source, double? CpuPercent, double? PeakRssMiB, double? EndRssMiB);
