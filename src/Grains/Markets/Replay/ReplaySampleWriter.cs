using System.Globalization;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Grains.Markets.Replay;

/// <summary>
/// Records a tick source into the replay CSV formats. The sample files shipped in config/replay were
/// produced by <see cref="WriteSamples"/> (see docs/markets.md for the command), so the project owns the
/// data it replays and can regenerate it.
/// </summary>
public static class ReplaySampleWriter
{
    public static readonly DateTimeOffset SampleStart = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);   // Monday 09:30 New York

    /// <summary>A fictional equity on New York hours whose simulator moves visibly within minutes.</summary>
    public static InstrumentDefinition SampleInstrument { get; } = new(
        new InstrumentSpec("SAMPLE", "Sample Industries (fictional)", InstrumentKind.Equity, "USD", 0.01m, 1m, 1m,
            new TradingHours("America/New_York", new(9, 30), new(16, 0),
                [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday])),
        new FeedSettings
        {
            Seed = 20260105,
            InitialPrice = 100m,
            TicksPerSecond = 4,
            Model = new PriceModelSettings
            {
                Drift = 0.05, Volatility = 0.25, TimeScale = 60,
                Jumps = new JumpSettings(20, 0, 0.01), Garch = new GarchSettings(0.05, 0.9),
            },
        });

    /// <summary>Writes sample-ticks.csv (2,000 ticks) and sample-bars.csv (390 one-minute bars) into <paramref name="directory"/>.</summary>
    public static void WriteSamples(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var ticks = new StreamWriter(Path.Combine(directory, "sample-ticks.csv")))
            WriteTicks(new SimulatedTickSource(SampleInstrument, SampleStart), SampleStart, 2_000, ticks);
        using (var bars = new StreamWriter(Path.Combine(directory, "sample-bars.csv")))
            WriteBars(new SimulatedTickSource(SampleInstrument, SampleStart), SampleStart, 390, TimeSpan.FromMinutes(1), bars);
    }

    /// <summary>Polls <paramref name="source"/> on a virtual clock from <paramref name="start"/> and writes its first <paramref name="count"/> ticks.</summary>
    public static void WriteTicks(ITickSource source, DateTimeOffset start, int count, TextWriter writer)
    {
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(',', TickCsvReader.Columns));
        foreach (var t in Ticks(source, start).Take(count))
            writer.WriteLine(string.Join(',', Format(t.Time), Format(t.Bid), Format(t.Ask), Format(t.Last), Format(t.Size)));
    }

    /// <summary>Aggregates the source's trade prices into OHLCV bars aligned on <paramref name="start"/> and writes the first <paramref name="count"/>.</summary>
    public static void WriteBars(ITickSource source, DateTimeOffset start, int count, TimeSpan interval, TextWriter writer)
    {
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(',', BarCsvReader.Columns));
        var bars = Ticks(source, start)
            .Where(t => t.Size > 0)   // the initial quote is not a trade
            .GroupAdjacent(t => start + interval * Math.Floor((t.Time - start) / interval))
            .Take(count);
        foreach (var (barStart, ticks) in bars)
        {
            writer.WriteLine(string.Join(',', Format(barStart), Format(ticks[0].Last), Format(ticks.Max(t => t.Last)),
                Format(ticks.Min(t => t.Last)), Format(ticks[^1].Last), Format(ticks.Sum(t => t.Size))));
        }
    }

    private static IEnumerable<MarketTick> Ticks(ITickSource source, DateTimeOffset start)
    {
        while (source.NextDueTime is { } due)
            foreach (var tick in source.Poll(due < start ? start : due))
                yield return tick;
    }

    private static IEnumerable<(DateTimeOffset Key, List<MarketTick> Items)> GroupAdjacent(
        this IEnumerable<MarketTick> ticks, Func<MarketTick, DateTimeOffset> key)
    {
        List<MarketTick>? group = null;
        var current = default(DateTimeOffset);
        foreach (var tick in ticks)
        {
            var k = key(tick);
            if (group is not null && k != current)
            {
                yield return (current, group);
                group = null;
            }
            if (group is null) (group, current) = ([], k);
            group.Add(tick);
        }
        if (group is not null) yield return (current, group);
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
