using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Markets.Replay;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Domain.Tests.Markets;

public sealed class TickSourceFactoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static InstrumentDefinition Definition(FeedSettings feed) =>
        new(new InstrumentSpec("SAMPLE", "Sample", InstrumentKind.Equity, "USD", 0.01m, 1m, 1m, null), feed);

    private static string ConfigDirectory => Path.GetDirectoryName(RepositoryFiles.ReplayDirectory)!;

    [Fact]
    public void Simulated_replay_and_external_sources_are_built_from_the_catalog_entry()
    {
        Assert.IsType<SimulatedTickSource>(TickSourceFactory.Create(Definition(new FeedSettings { InitialPrice = 100m }), ConfigDirectory, Start));
        Assert.Null(TickSourceFactory.Create(Definition(new FeedSettings { Source = "external" }), ConfigDirectory, Start));

        var bars = TickSourceFactory.Create(Definition(new FeedSettings
        {
            Source = "replay", Replay = new ReplaySettings { Path = "replay/sample-bars.csv", Format = "bars", Speed = 0, Loop = false },
        }), ConfigDirectory, Start)!;
        var ticks = new List<MarketTick>();
        while (!bars.IsCompleted) ticks.AddRange(bars.Poll(Start));
        Assert.Equal(390 * 4, ticks.Count);
        Assert.All(ticks, t => Assert.True(t.Ask - t.Bid == 0.02m && PriceGrid.IsOnGrid(t.Bid, 0.01m)));
    }

    [Fact]
    public void Rooted_replay_path_is_used_as_is()
    {
        var rooted = Path.Combine(RepositoryFiles.ReplayDirectory, "sample-ticks.csv");
        var source = TickSourceFactory.Create(Definition(new FeedSettings { Source = "replay", Replay = new ReplaySettings { Path = rooted } }), "/nonexistent", Start);
        Assert.IsType<ReplayTickSource>(source);
    }

    [Theory]
    [InlineData("simulated-ish", null, "Feed.Source")]
    [InlineData("replay", null, "Feed.Replay")]
    [InlineData("replay", "candles", "Feed.Replay.Format")]
    public void Unknown_source_or_format_is_rejected_naming_symbol_and_field(string source, string? format, string field)
    {
        var feed = new FeedSettings
        {
            Source = source,
            Replay = format is null ? null : new ReplaySettings { Path = "replay/sample-ticks.csv", Format = format },
        };
        var e = Assert.Throws<ArgumentException>(() => TickSourceFactory.Create(Definition(feed), ConfigDirectory, Start));
        Assert.Contains("'SAMPLE'", e.Message);
        Assert.Contains(field, e.Message);
    }
}
