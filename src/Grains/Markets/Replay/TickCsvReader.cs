using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Grains.Markets.Replay;

/// <summary>Reads recorded ticks: header <c>time,bid,ask,last,size</c>, one tick a line, times not decreasing.</summary>
public static class TickCsvReader
{
    public static readonly string[] Columns = ["time", "bid", "ask", "last", "size"];

    /// <param name="tickSize">When given, every price must be on this grid (the feed would reject it later, without a line number).</param>
    /// <exception cref="ReplayFormatException">A row is malformed; the message names file, line and column.</exception>
    public static IReadOnlyList<MarketTick> Read(string path, decimal? tickSize = null)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path, tickSize);
    }

    public static IReadOnlyList<MarketTick> Parse(TextReader reader, string file, decimal? tickSize = null)
    {
        var ticks = new List<MarketTick>();
        foreach (var (line, f) in ReplayCsv.Rows(reader, file, Columns))
        {
            var time = ReplayCsv.Time(f[0], file, line, 1, "time");
            if (ticks.Count > 0 && time < ticks[^1].Time)
                throw new ReplayFormatException(file, line, 1, "time", $"{f[0]} is earlier than the previous row");
            var bid = Price(f[1], 2, "bid");
            var ask = Price(f[2], 3, "ask");
            if (ask < bid) throw new ReplayFormatException(file, line, 3, "ask", $"ask {ask} is below bid {bid}");
            var last = Price(f[3], 4, "last");
            var size = ReplayCsv.Number(f[4], file, line, 5, "size");
            if (size < 0) throw new ReplayFormatException(file, line, 5, "size", $"{size} is negative");
            ticks.Add(new MarketTick(time, bid, ask, last, size));

            decimal Price(string text, int column, string name)
            {
                var value = ReplayCsv.Number(text, file, line, column, name);
                if (value <= 0) throw new ReplayFormatException(file, line, column, name, $"{value} is not a positive price");
                if (tickSize is { } t && !PriceGrid.IsOnGrid(value, t))
                    throw new ReplayFormatException(file, line, column, name, $"{value} is not a multiple of the tick size {t}");
                return value;
            }
        }
        return ticks;
    }
}
