using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Replay;

namespace Crucible.Domain.Tests.Markets;

public sealed class ReplayCsvReaderTests
{
    private static IReadOnlyList<MarketTick> Ticks(string csv, decimal? tick = null) => TickCsvReader.Parse(new StringReader(csv), "test.csv", tick);

    private static IReadOnlyList<MarketTick> Bars(string csv) => BarCsvReader.Parse(new StringReader(csv), "bars.csv", 0.05m, spreadTicks: 2);

    [Fact]
    public void Tick_rows_parse_with_offsets_in_invariant_culture()
    {
        var ticks = Ticks("time,bid,ask,last,size\n2026-01-05T09:30:00-05:00,99.98,100.02,100.00,300\n\n2026-01-05T14:30:01Z,99.99,100.03,100.03,5\n");
        Assert.Equal(2, ticks.Count);
        Assert.Equal(new MarketTick(new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.FromHours(-5)), 99.98m, 100.02m, 100.00m, 300m), ticks[0]);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 14, 30, 1, TimeSpan.Zero), ticks[1].Time);
    }

    [Theory]
    [InlineData("time,bid,ask,last,size\n2026-01-05T14:30:00Z,99.98,abc,100,1", 2, 3, "ask")]
    [InlineData("time,bid,ask,last,size\n2026-01-05T14:30:00Z,99.98,100,100,1\n2026-01-05 14:30:01,99.98,100,100,1", 3, 1, "time")]
    [InlineData("time,bid,ask,last,size\n2026-01-05T14:30:00Z,99.98,100,100", 2, 5, "size")]
    [InlineData("time,bid,ask,last,size\n2026-01-05T14:30:00Z,100.5,100,100,1", 2, 3, "ask")]
    [InlineData("time,bid,ask,last,size\n2026-01-05T14:30:00Z,99.98,100,100,-1", 2, 5, "size")]
    [InlineData("time,bid,ask,last,size\n2026-01-05T14:30:01Z,99.98,100,100,1\n2026-01-05T14:30:00Z,99.98,100,100,1", 3, 1, "time")]
    [InlineData("time,bid,ask,last,size\n2026-01-05T14:30:00Z,99.985,100,100,1", 2, 2, "bid")]
    [InlineData("when,bid,ask,last,size\n", 1, 1, "header")]
    [InlineData("time,bid,ask,last,size\n2026-01-05T14:30:00Z,99.98,100,100,1,7", 2, 6, "extra field")]
    public void Bad_tick_row_throws_naming_file_line_and_column(string csv, int line, int column, string name)
    {
        var e = Assert.Throws<ReplayFormatException>(() => Ticks(csv, 0.01m));
        Assert.Equal((line, column, name), (e.Line, e.Column, e.ColumnName));
        Assert.StartsWith($"test.csv, line {line}, column {column} ({name}):", e.Message);
    }

    [Fact]
    public void Up_bar_expands_to_open_low_high_close_over_its_interval()
    {
        // Bar 1 closes up (100.50 ≥ 100.00) and lasts 60 s to the next bar; bar 2 closes down and, being last, gets 60 s too.
        var ticks = Bars("""
            time,open,high,low,close,volume
            2026-01-05T14:30:00Z,100.00,101.00,99.50,100.50,400
            2026-01-05T14:31:00Z,100.50,100.70,99.90,100.00,100
            """);

        var at = new DateTimeOffset(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);
        MarketTick T(double seconds, decimal price, decimal size) => new(at.AddSeconds(seconds), price - 0.05m, price + 0.05m, price, size);
        Assert.Equal(
        [
            T(0, 100.00m, 100m), T(15, 99.50m, 100m), T(30, 101.00m, 100m), T(45, 100.50m, 100m),
            T(60, 100.50m, 25m), T(75, 100.70m, 25m), T(90, 99.90m, 25m), T(105, 100.00m, 25m),
        ], ticks);
    }

    [Fact]
    public void Odd_spread_width_leans_to_the_ask_and_the_bid_stays_at_least_one_tick()
    {
        var bar = new RecordedBar(DateTimeOffset.UnixEpoch, 0.05m, 0.10m, 0.05m, 0.10m, 4m);
        var ticks = BarCsvReader.Expand(bar, TimeSpan.FromSeconds(4), 0.05m, spreadTicks: 1).ToList();
        Assert.Equal((0.05m, 0.10m), (ticks[0].Bid, ticks[0].Ask));
        Assert.Equal((0.10m, 0.15m), (ticks[3].Bid, ticks[3].Ask));
        Assert.All(ticks, t => Assert.InRange(t.Last, t.Bid, t.Ask));
    }

    [Theory]
    [InlineData("time,open,high,low,close,volume\n2026-01-05T14:30:00Z,100,99.5,99,99.5,1", 2, 3, "high")]
    [InlineData("time,open,high,low,close,volume\n2026-01-05T14:30:00Z,100,101,100.5,100.5,1", 2, 4, "low")]
    [InlineData("time,open,high,low,close,volume\n2026-01-05T14:30:00Z,100,101,99,100.02,1", 2, 5, "close")]
    [InlineData("time,open,high,low,close,volume\n2026-01-05T14:30:00Z,100,101,99,100,1\n2026-01-05T14:30:00Z,100,101,99,100,1", 3, 1, "time")]
    public void Bad_bar_row_throws_naming_file_line_and_column(string csv, int line, int column, string name)
    {
        var e = Assert.Throws<ReplayFormatException>(() => Bars(csv));
        Assert.Equal((line, column, name), (e.Line, e.Column, e.ColumnName));
        Assert.Contains("bars.csv", e.Message);
    }
}
