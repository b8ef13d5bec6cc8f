using System.Collections.Concurrent;
using System.Globalization;
using Crucible.Grains.Interfaces.Markets;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Orleans.Streams;

namespace Crucible.Grains.Tests.Markets;

[Collection(ClusterCollection.Name)]
public sealed class InstrumentFeedGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private IInstrumentFeedGrain Feed(string symbol) => fixture.Client.GetGrain<IInstrumentFeedGrain>(symbol);

    private static MarketTick Tick(double secondsAfterT0, decimal last, decimal size = 1, decimal spread = 0.02m) =>
        new(T0.AddSeconds(secondsAfterT0), last - spread / 2, last + spread / 2, last, size);

    [Fact]
    public async Task Sequence_numbers_strictly_increase_by_one_per_accepted_tick()
    {
        var feed = Feed("T-SEQ");
        Assert.Null(await feed.GetQuoteAsync());

        var sequences = new List<long>();
        for (var i = 0; i < 50; i++)
            sequences.Add((await feed.IngestAsync(Tick(i * 0.1, 100m + i * 0.01m))).Sequence);

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), sequences);
        var quote = await feed.GetQuoteAsync();
        Assert.Equal(50, quote!.Sequence);
        Assert.Equal(100.49m, quote.Last);
    }

    [Fact]
    public async Task The_sequence_keeps_increasing_across_reactivations_and_the_last_quote_is_served_at_once()
    {
        var feed = Feed("T-CONT");
        var sequences = new List<long>();
        Quote? last = null;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                last = await feed.IngestAsync(Tick(round * 10 + i, 100m + round + i * 0.01m));
                sequences.Add(last.Sequence);
            }

            await feed.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            await WaitUntilAsync(async () => !(await fixture.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
                .Any(s => s.GrainId.ToString() == "instrumentfeed/T-CONT"),
                async () => string.Join(", ", (await fixture.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics()).Select(s => s.GrainId.ToString())));

            // The new activation answers with the last quote published before it, not with nothing.
            Assert.Equal(last, await feed.GetQuoteAsync());
        }

        Assert.Equal(15, sequences.Count);
        Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.Second > p.First), string.Join(", ", sequences));
        Assert.True(sequences[5] > 1_000, "the second activation starts past the first one's reserved block");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task<string>> describe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the feed grain did not deactivate; active: " + await describe());
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Stream_subscribers_receive_every_tick_in_sequence_order()
    {
        var received = new ConcurrentQueue<Quote>();
        var stream = fixture.Client.GetStreamProvider(MarketStreams.Provider)
            .GetStream<Quote>(MarketStreams.QuoteStream("T-STREAM"));
        var handle = await stream.SubscribeAsync((quote, _) => { received.Enqueue(quote); return Task.CompletedTask; });
        try
        {
            var feed = Feed("T-STREAM");
            for (var i = 0; i < 20; i++)
                await feed.IngestAsync(Tick(i, 50m + i));

            await WaitUntil(() => received.Count >= 20);
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), received.Select(q => q.Sequence));
            Assert.Equal(Enumerable.Range(0, 20).Select(i => 50m + i), received.Select(q => q.Last));
            Assert.All(received, q => Assert.Equal("T-STREAM", q.Symbol));
        }
        finally
        {
            await handle.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task Bars_aggregate_ticks_into_hand_computed_ohlcv()
    {
        var feed = Feed("T-BARS");
        // time after 15:00:00, last, size
        await feed.IngestAsync(Tick(0.100, 100.00m, 5));
        await feed.IngestAsync(Tick(0.600, 100.50m, 3));
        await feed.IngestAsync(Tick(1.200, 99.75m, 2));
        await feed.IngestAsync(Tick(59.900, 100.25m, 1));
        await feed.IngestAsync(Tick(60.000, 101.00m, 4));
        await feed.IngestAsync(Tick(75.500, 100.80m, 6));

        var minutes = await feed.GetBarsAsync(BarInterval.OneMinute, 10);
        Assert.Equal(
        [
            new Bar(T0, BarInterval.OneMinute, 100.00m, 100.50m, 99.75m, 100.25m, 11m, 4),
            new Bar(T0.AddMinutes(1), BarInterval.OneMinute, 101.00m, 101.00m, 100.80m, 100.80m, 10m, 2),
        ], minutes);

        var seconds = await feed.GetBarsAsync(BarInterval.OneSecond, 10);
        Assert.Equal(
        [
            new Bar(T0, BarInterval.OneSecond, 100.00m, 100.50m, 100.00m, 100.50m, 8m, 2),
            new Bar(T0.AddSeconds(1), BarInterval.OneSecond, 99.75m, 99.75m, 99.75m, 99.75m, 2m, 1),
            new Bar(T0.AddSeconds(59), BarInterval.OneSecond, 100.25m, 100.25m, 100.25m, 100.25m, 1m, 1),
            new Bar(T0.AddSeconds(60), BarInterval.OneSecond, 101.00m, 101.00m, 101.00m, 101.00m, 4m, 1),
            new Bar(T0.AddSeconds(75), BarInterval.OneSecond, 100.80m, 100.80m, 100.80m, 100.80m, 6m, 1),
        ], seconds);

        // limit keeps the newest bars, oldest first
        var lastTwo = await feed.GetBarsAsync(BarInterval.OneSecond, 2);
        Assert.Equal([T0.AddSeconds(60), T0.AddSeconds(75)], lastTwo.Select(b => b.Start));
    }

    [Theory]
    [InlineData(5000.10, 5000.25, 5000.25, "bid")]          // bid off the 0.25 grid
    [InlineData(5000.00, 5000.30, 5000.00, "ask")]          // ask off the grid
    [InlineData(5000.00, 5000.25, 5000.05, "last")]         // last off the grid
    [InlineData(5000.50, 5000.25, 5000.25, "crossed")]      // bid above ask
    [InlineData(0, 5000.25, 5000.25, "bid")]                // non-positive price
    public async Task Ingest_refuses_a_tick_off_the_grid_or_crossed_and_keeps_the_quote(
        double bid, double ask, double last, string expectedInMessage)
    {
        var feed = Feed("T-GRID");
        var before = await feed.GetQuoteAsync() ?? await feed.IngestAsync(
            new MarketTick(DateTimeOffset.UtcNow, 5000.00m, 5000.25m, 5000.00m, 1));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => feed.IngestAsync(
            new MarketTick(before.Time.AddSeconds(1), (decimal)bid, (decimal)ask, (decimal)last, 1)));

        Assert.Contains(expectedInMessage, error.Message);
        Assert.Equal(before, await feed.GetQuoteAsync());
    }

    [Fact]
    public async Task A_settled_prediction_contract_takes_no_more_ticks()
    {
        var feed = Feed("T-PRED");
        await feed.IngestAsync(new MarketTick(T0, 0.61m, 0.62m, 0.62m, 10));
        var settled = await feed.IngestAsync(new MarketTick(T0.AddSeconds(1), 1m, 1m, 1m, 0, Settlement: 1m));
        Assert.True(settled.IsSettled);
        Assert.Equal(1m, settled.Last);

        await Assert.ThrowsAsync<ArgumentException>(() => feed.IngestAsync(new MarketTick(T0.AddSeconds(2), 0.5m, 0.51m, 0.5m, 1)));
        Assert.Equal(settled, await feed.GetQuoteAsync());
    }

    [Fact]
    public async Task Simulated_feed_publishes_positive_prices_on_the_tick_grid_in_sequence()
    {
        var received = new ConcurrentQueue<Quote>();
        var stream = fixture.Client.GetStreamProvider(MarketStreams.Provider)
            .GetStream<Quote>(MarketStreams.QuoteStream("T-SIM"));
        var handle = await stream.SubscribeAsync((quote, _) => { received.Enqueue(quote); return Task.CompletedTask; });
        try
        {
            await Feed("T-SIM").EnsureStartedAsync();
            await WaitUntil(() => received.Count >= 200, TimeSpan.FromSeconds(30));

            var quotes = received.ToArray();
            Assert.All(quotes, q =>
            {
                Assert.Equal(0m, q.Bid % 0.25m);
                Assert.Equal(0m, q.Ask % 0.25m);
                Assert.Equal(0m, q.Last % 0.25m);
                Assert.True(q.Bid > 0 && q.Bid < q.Ask, $"book {q.Bid}/{q.Ask} at #{q.Sequence}");
            });
            for (var i = 1; i < quotes.Length; i++)
                Assert.Equal(quotes[i - 1].Sequence + 1, quotes[i].Sequence);
            Assert.True(quotes.Select(q => q.Last).Distinct().Count() > 10, "the simulated price should move");
        }
        finally
        {
            await handle.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task A_replayed_feed_publishes_the_recorded_prices_in_order_at_the_engines_time()
    {
        // T-REPLAY replays the shipped sample tick file at full speed, once; the cluster's engine clock is the system's.
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "config", "replay", "sample-ticks.csv"))
            .Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
        var lasts = rows.Select(r => Number(r[3])).ToList();
        var feed = Feed("T-REPLAY");
        await feed.EnsureStartedAsync();
        Quote? quote = null;
        await WaitUntil(async () => (quote = await feed.GetQuoteAsync())?.Sequence == rows.Count);
        var now = DateTimeOffset.UtcNow;

        var last = rows[^1];
        Assert.Equal((Number(last[1]), Number(last[2]), Number(last[3]), Number(last[4])), (quote!.Bid, quote.Ask, quote.Last, quote.LastSize));
        Assert.Equal(DateTimeOffset.Parse(last[0], CultureInfo.InvariantCulture), quote.RecordedAt);
        // Engine time: since this silo started, not the recording's date.
        Assert.InRange(quote.Time, now.AddHours(-1), now);

        // The bars hold every replayed tick, in the recorded order, bucketed by engine time.
        var bars = await feed.GetBarsAsync(BarInterval.OneSecond, 3_600);
        Assert.All(bars, b => Assert.InRange(b.Start, now.AddHours(-1), now));
        Assert.Equal(rows.Count, bars.Sum(b => b.TickCount));
        Assert.Equal(rows.Sum(r => Number(r[4])), bars.Sum(b => b.Volume));
        Assert.Equal((lasts[0], lasts[^1], lasts.Max(), lasts.Min()), (bars[0].Open, bars[^1].Close, bars.Max(b => b.High), bars.Min(b => b.Low)));

        // A fill on the replayed instrument is on engine time too, never before its order (the review saw filledAt
        // 11 months before createdAt).
        var book = fixture.Client.GetGrain<Crucible.Grains.Interfaces.Trading.IPositionBookGrain>($"replay-{Guid.NewGuid():N}");
        await book.OpenAsync(new Crucible.Grains.Interfaces.Trading.OpenAccountRequest(1_000_000m));
        var placed = await book.SubmitOrderAsync(new Crucible.Grains.Interfaces.Trading.OrderRequest("T-REPLAY",
            Crucible.Grains.Interfaces.Trading.OrderSide.Buy, Crucible.Grains.Interfaces.Trading.OrderType.Market, 1m,
            Crucible.Grains.Interfaces.Trading.TimeInForce.Day));
        var fill = Assert.Single(await book.GetFillsAsync());
        Assert.Equal(quote.Sequence, fill.QuoteSequence);
        Assert.InRange(fill.Time, placed.Order!.CreatedAt, DateTimeOffset.UtcNow);
        Assert.InRange(fill.Time, now.AddHours(-1), DateTimeOffset.UtcNow);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(20);
        }
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(20);
        }
    }
}
