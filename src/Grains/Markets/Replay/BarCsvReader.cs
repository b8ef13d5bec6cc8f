using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Grains.Markets.Replay;

/// <summary>
/// Reads bars (<c>time,open,high,low,close,volume</c>) and expands each into four ticks: open, then low and
/// high (low first when the bar closed up, high first when it closed down — the path that touches the
/// extremes in the order most consistent with the bar), then close. The ticks are spaced evenly over the
/// bar's interval (to the next bar's time; 60 s for the last bar) and each carries a quarter of the volume.
/// </summary>
public static class BarCsvReader
{
    public static readonly string[] Columns = ["time", "open", "high", "low", "close", "volume"];

    private static readonly TimeSpan LastBarInterval = TimeSpan.FromSeconds(60);

    /// <exception cref="ReplayFormatException">A row is malformed; the message names file, line and column.</exception>
    public static IReadOnlyList<MarketTick> Read(string path, decimal tickSize, int spreadTicks = 2)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path, tickSize, spreadTicks);
    }

    public static IReadOnlyList<MarketTick> Parse(TextReader reader, string file, decimal tickSize, int spreadTicks = 2)
    {
        var bars = ParseBars(reader, file, tickSize);
        var ticks = new List<MarketTick>(bars.Count * 4);
        for (var i = 0; i < bars.Count; i++)
        {
            var interval = i + 1 < bars.Count ? bars[i + 1].Time - bars[i].Time : LastBarInterval;
            ticks.AddRange(Expand(bars[i], interval, tickSize, spreadTicks));
        }
        return ticks;
    }

    public static IReadOnlyList<RecordedBar> ParseBars(TextReader reader, string file, decimal tickSize)
    {
        var bars = new List<RecordedBar>();
        foreach (var (line, f) in ReplayCsv.Rows(reader, file, Columns))
        {
            var time = ReplayCsv.Time(f[0], file, line, 1, "time");
            if (bars.Count > 0 && time <= bars[^1].Time)
                throw new ReplayFormatException(file, line, 1, "time", $"{f[0]} does not come after the previous bar");
            var open = Price(f[1], 2, "open");
            var high = Price(f[2], 3, "high");
            var low = Price(f[3], 4, "low");
            var close = Price(f[4], 5, "close");
            if (high < Math.Max(open, close)) throw new ReplayFormatException(file, line, 3, "high", $"{high} is below the open or close");
            if (low > Math.Min(open, close)) throw new ReplayFormatException(file, line, 4, "low", $"{low} is above the open or close");
            var volume = ReplayCsv.Number(f[5], file, line, 6, "volume");
            if (volume < 0) throw new ReplayFormatException(file, line, 6, "volume", $"{volume} is negative");
            bars.Add(new RecordedBar(time, open, high, low, close, volume));

            decimal Price(string text, int column, string name)
            {
                var value = ReplayCsv.Number(text, file, line, column, name);
                if (value <= 0) throw new ReplayFormatException(file, line, column, name, $"{value} is not a positive price");
                if (!PriceGrid.IsOnGrid(value, tickSize))
                    throw new ReplayFormatException(file, line, column, name, $"{value} is not a multiple of the tick size {tickSize}");
                return value;
            }
        }
        return bars;
    }

    /// <summary>
    /// The four ticks of one bar. The quote is <paramref name="spreadTicks"/> (≥ 1) ticks wide around each
    /// price: bid = price − ⌊n/2⌋ ticks, ask = bid + n ticks, so an odd width leans to the ask and the traded
    /// price always lies inside the book; the bid never goes below one tick.
    /// </summary>
    public static IEnumerable<MarketTick> Expand(RecordedBar bar, TimeSpan interval, decimal tickSize, int spreadTicks)
    {
        var width = Math.Max(1, spreadTicks);
        decimal[] path = bar.Close >= bar.Open
            ? [bar.Open, bar.Low, bar.High, bar.Close]
            : [bar.Open, bar.High, bar.Low, bar.Close];
        var size = bar.Volume / 4;
        for (var j = 0; j < 4; j++)
        {
            var bid = Math.Max(tickSize, path[j] - width / 2 * tickSize);
            yield return new MarketTick(bar.Time + interval * j / 4, bid, bid + width * tickSize, path[j], size);
        }
    }
}
