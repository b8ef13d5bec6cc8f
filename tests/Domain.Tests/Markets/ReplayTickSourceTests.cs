using System.Globalization;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Replay;

namespace Crucible.Domain.Tests.Markets;

public sealed class ReplayTickSourceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 14, 30, 0, TimeSpan.Zero);

    private static MarketTick Tick(double seconds, decimal last) => new(T0.AddSeconds(seconds), last - 0.01m, last + 0.01m, last, 1m);

    private static readonly MarketTick[] ThreeTicks = [Tick(0, 100m), Tick(1, 100.01m), Tick(4, 100.02m)];

    [Fact]
    public void Full_speed_replay_of_the_sample_file_reproduces_its_rows_in_order_at_the_engines_time()
    {
        var path = Path.Combine(RepositoryFiles.ReplayDirectory, "sample-ticks.csv");
        // Independent oracle: the raw text split on commas, compared as strings.
        var expected = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();

        var source = new ReplayTickSource(TickCsvReader.Read(path, 0.01m), Start, speed: 0, loop: false);
        var replayed = new List<MarketTick>();
        var polls = 0;
        while (!source.IsCompleted)
        {
            var batch = source.Poll(Start);
            Assert.InRange(batch.Count, 1, ReplayTickSource.DefaultBatchSize);
            replayed.AddRange(batch);
            polls++;
        }

        Assert.Equal(2, polls);
        Assert.Equal(expected.Count, replayed.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var t = replayed[i];
            Assert.Equal(DateTimeOffset.Parse(expected[i][0], CultureInfo.InvariantCulture), t.RecordedAt);
            Assert.Equal(Start, t.Time); // the poll's time: full speed has no schedule
            Assert.Equal(expected[i][1..], new[] { t.Bid, t.Ask, t.Last, t.Size }.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        }
        Assert.Empty(source.Poll(Start.AddDays(1)));
    }

    [Fact]
    public void At_one_times_speed_only_the_due_records_come_out_at_their_due_engine_time_keeping_the_recorded_one()
    {
        var source = new ReplayTickSource(ThreeTicks, Start, speed: 1, loop: false);

        Assert.Equal([(Start, T0)], source.Poll(Start).Select(t => (t.Time, t.RecordedAt!.Value)));
        Assert.Empty(source.Poll(Start.AddSeconds(0.999)));
        Assert.Equal([(Start.AddSeconds(1), T0.AddSeconds(1))], source.Poll(Start.AddSeconds(1)).Select(t => (t.Time, t.RecordedAt!.Value)));
        Assert.Empty(source.Poll(Start.AddSeconds(3.9)));
        Assert.False(source.IsCompleted);
        // Polled late, the tick is still stamped when it was due.
        Assert.Equal([(Start.AddSeconds(4), T0.AddSeconds(4))], source.Poll(Start.AddSeconds(4.2)).Select(t => (t.Time, t.RecordedAt!.Value)));
        Assert.True(source.IsCompleted);
    }

    [Fact]
    public void At_n_times_speed_the_recording_is_compressed()
    {
        var source = new ReplayTickSource(ThreeTicks, Start, speed: 4, loop: false);
        Assert.Equal([Start, Start.AddSeconds(0.25)], source.Poll(Start.AddSeconds(0.25)).Select(t => t.Time));
        Assert.Equal([Start.AddSeconds(1)], source.Poll(Start.AddSeconds(1)).Select(t => t.Time));
    }

    [Fact]
    public void Loop_restarts_after_span_plus_one_typical_interval_with_the_recorded_times_again()
    {
        var source = new ReplayTickSource(ThreeTicks, Start, speed: 1, loop: true);
        // Span 4 s over 2 gaps: typical interval 2 s, so each cycle lasts 6 s.
        var ticks = source.Poll(Start.AddSeconds(13));

        Assert.Equal(new[] { 0, 1, 4, 6, 7, 10, 12, 13 }.Select(s => Start.AddSeconds(s)), ticks.Select(t => t.Time));
        Assert.Equal(new[] { 0, 1, 4, 0, 1, 4, 0, 1 }.Select(s => T0.AddSeconds(s)), ticks.Select(t => t.RecordedAt!.Value));
        Assert.Equal(ThreeTicks[1].Last, ticks[4].Last);
        Assert.False(source.IsCompleted);
    }

    [Fact]
    public void Full_speed_polls_return_at_most_a_batch()
    {
        var source = new ReplayTickSource(ThreeTicks, Start, speed: 0, loop: true, batchSize: 2);
        Assert.Equal(2, source.Poll(Start).Count);
        var next = source.Poll(Start);
        Assert.Equal([T0.AddSeconds(4), T0], next.Select(t => t.RecordedAt!.Value));
        Assert.All(next, t => Assert.Equal(Start, t.Time));
    }
}
