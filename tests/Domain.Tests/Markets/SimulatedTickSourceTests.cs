using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Domain.Tests.Markets;

public sealed class SimulatedTickSourceTests
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static InstrumentDefinition Equity(decimal initial = 100m, decimal tick = 0.01m, int seed = 1, TradingHours? hours = null,
        PriceModelSettings? model = null, double ticksPerSecond = 4) =>
        new(new InstrumentSpec("TEST", "Test equity", InstrumentKind.Equity, "USD", tick, 1m, 1m, hours),
            new FeedSettings { Seed = seed, InitialPrice = initial, TicksPerSecond = ticksPerSecond, Model = model ?? new PriceModelSettings() });

    /// <summary>Polls every <paramref name="step"/> until <paramref name="count"/> ticks have come out.</summary>
    private static List<MarketTick> Run(SimulatedTickSource source, DateTimeOffset from, int count, TimeSpan step)
    {
        var ticks = new List<MarketTick>();
        for (var now = from; ticks.Count < count && !source.IsCompleted; now += step) ticks.AddRange(source.Poll(now));
        return ticks;
    }

    [Fact]
    public void Prices_stay_positive_on_the_grid_with_ask_above_bid_even_for_a_wild_penny_stock()
    {
        // Five ticks from zero, 300 % volatility sped up a million times, jumps and GARCH: the clamps must hold.
        // The drift roughly offsets the downward jumps so the path wanders between the floor and far above it.
        var model = new PriceModelSettings
        {
            Drift = 50, Volatility = 3, TimeScale = 1_000_000, Jumps = new JumpSettings(1000, -0.1, 0.3), Garch = new GarchSettings(0.2, 0.75),
        };
        var definition = Equity(initial: 0.05m, model: model) with
        {
            Feed = Equity(initial: 0.05m, model: model).Feed with { TradeSize = new TradeSizeSettings { MinLots = 2, MaxLots = 5 } },
        };
        var ticks = Run(new SimulatedTickSource(definition, Monday), Monday, 10_000, TimeSpan.FromSeconds(1));

        Assert.True(ticks.Count >= 10_000);
        Assert.All(ticks, t =>
        {
            Assert.True(t.Bid >= 0.01m && t.Ask > t.Bid, $"{t}");
            Assert.True(PriceGrid.IsOnGrid(t.Bid, 0.01m) && PriceGrid.IsOnGrid(t.Ask, 0.01m) && PriceGrid.IsOnGrid(t.Last, 0.01m), $"{t}");
            Assert.InRange(t.Last, t.Bid, t.Ask);
            Assert.Null(t.Settlement);
        });
        // After the initial quote every tick is a trade at the bid or the ask, in whole lots.
        Assert.All(ticks.Skip(1), t =>
        {
            Assert.True(t.Last == t.Bid || t.Last == t.Ask, $"{t}");
            Assert.InRange(t.Size, 2m, 5m);
        });
        Assert.True(ticks.Select(t => t.Last).Distinct().Count() > 10, "the price should move");
    }

    [Fact]
    public void Same_seed_gives_identical_ticks_and_another_seed_does_not()
    {
        static List<MarketTick> Ticks(int seed) =>
            Run(new SimulatedTickSource(Equity(seed: seed, model: new() { Volatility = 0.5, TimeScale = 3600 }), Monday), Monday, 2_000, TimeSpan.FromSeconds(1));

        Assert.Equal(Ticks(7), Ticks(7));
        Assert.NotEqual(Ticks(7), Ticks(8));
    }

    [Fact]
    public void First_poll_emits_the_initial_quote_then_ticks_are_stamped_at_k_over_rate()
    {
        var source = new SimulatedTickSource(Equity(initial: 100.004m), Monday);

        var first = source.Poll(Monday + TimeSpan.FromSeconds(1));
        Assert.Equal(Enumerable.Range(0, 5).Select(k => Monday + TimeSpan.FromSeconds(k * 0.25)), first.Select(t => t.Time));
        Assert.Equal(100.00m, first[0].Last);
        Assert.Equal(0m, first[0].Size);

        Assert.Empty(source.Poll(Monday + TimeSpan.FromSeconds(1.2)));
        Assert.Equal([Monday + TimeSpan.FromSeconds(1.25)], source.Poll(Monday + TimeSpan.FromSeconds(1.3)).Select(t => t.Time));
        Assert.Equal(Monday + TimeSpan.FromSeconds(1.5), source.NextDueTime);
    }

    [Fact]
    public void After_a_long_pause_only_about_a_second_of_ticks_is_emitted()
    {
        var source = new SimulatedTickSource(Equity(), Monday);
        source.Poll(Monday);

        var now = Monday + TimeSpan.FromHours(1);
        var ticks = source.Poll(now);

        Assert.Equal(4, ticks.Count);
        Assert.Equal(now, ticks[^1].Time);
        Assert.Equal(now - TimeSpan.FromSeconds(0.75), ticks[0].Time);
    }

    [Fact]
    public void No_ticks_while_the_market_is_closed_but_an_initial_quote_exists()
    {
        var hours = new TradingHours("America/New_York", new(9, 30), new(16, 0),
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
        var saturday = new DateTimeOffset(2026, 1, 3, 15, 0, 0, TimeSpan.Zero);
        var source = new SimulatedTickSource(Equity(hours: hours), saturday);

        Assert.Single(source.Poll(saturday));
        for (var minute = 1; minute <= 60; minute++) Assert.Empty(source.Poll(saturday.AddMinutes(minute)));

        // Monday 09:30 New York: trading resumes.
        Assert.Empty(source.Poll(Monday - TimeSpan.FromSeconds(0.5)));
        Assert.Equal([Monday], source.Poll(Monday).Select(t => t.Time));
        Assert.Equal(4, source.Poll(Monday + TimeSpan.FromSeconds(1)).Count);
    }

    [Fact]
    public void Simulating_outside_hours_ticks_through_the_weekend()
    {
        var hours = new TradingHours("America/New_York", new(9, 30), new(16, 0), [DayOfWeek.Monday]);
        var saturday = new DateTimeOffset(2026, 1, 3, 15, 0, 0, TimeSpan.Zero);
        var definition = Equity(hours: hours);
        definition = definition with { Feed = definition.Feed with { SimulateOutsideHours = true } };
        var source = new SimulatedTickSource(definition, saturday);

        Assert.Equal(5, source.Poll(saturday + TimeSpan.FromSeconds(1)).Count);
    }

    [Fact]
    public void Prediction_contract_quotes_inside_zero_one_on_the_grid_and_settles_once_to_zero_or_one()
    {
        var outcomes = new HashSet<decimal>();
        for (var seed = 1; seed <= 500; seed++)
        {
            var definition = new InstrumentDefinition(
                new InstrumentSpec("RAIN", "Rain tomorrow", InstrumentKind.Prediction, "USD", 0.01m, 1m, 1m, null),
                new FeedSettings
                {
                    Seed = seed, InitialPrice = 0.5m, TicksPerSecond = 10,
                    // 18 simulated seconds a tick: the contract resolves after about 200 ticks.
                    Model = new PriceModelSettings { Type = "prediction", Volatility = 100, TimeScale = 180, Prediction = new PredictionSettings(3600) },
                });
            var source = new SimulatedTickSource(definition, Monday);
            var ticks = Run(source, Monday, int.MaxValue, TimeSpan.FromSeconds(1));

            Assert.True(source.IsCompleted);
            Assert.InRange(ticks.Count, 150, 250);
            Assert.All(ticks.SkipLast(1), t =>
            {
                Assert.InRange(t.Bid, 0.01m, 0.99m);
                Assert.InRange(t.Ask, 0.01m, 0.99m);
                Assert.True(t.Ask > t.Bid && PriceGrid.IsOnGrid(t.Bid, 0.01m) && PriceGrid.IsOnGrid(t.Ask, 0.01m) && PriceGrid.IsOnGrid(t.Last, 0.01m));
                Assert.Null(t.Settlement);
            });
            var last = ticks[^1];
            Assert.True(last.Settlement is 0m or 1m);
            Assert.Equal(last.Settlement, last.Bid);
            Assert.Equal(last.Settlement, last.Ask);
            Assert.Equal(last.Settlement, last.Last);
            outcomes.Add(last.Settlement!.Value);
            Assert.Empty(source.Poll(Monday.AddDays(1)));
        }
        Assert.Equal([0m, 1m], outcomes.Order());
    }

    [Theory]
    [InlineData("garch-ish")]
    [InlineData("mean-reversion")]
    public void Unknown_or_incomplete_model_is_rejected_naming_symbol_and_field(string type)
    {
        var e = Assert.Throws<ArgumentException>(() => new SimulatedTickSource(Equity(model: new() { Type = type }), Monday));
        Assert.Contains("TEST", e.Message);
        Assert.Contains("Feed.Model", e.Message);
    }
}
