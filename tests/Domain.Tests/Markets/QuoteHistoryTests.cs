using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Feeds;

namespace Crucible.Domain.Tests.Markets;

public sealed class QuoteHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Quote At(long sequence) => new("ES", 5_000m, 5_000.25m, 5_000m, 1m, T0.AddSeconds(sequence), sequence);

    [Fact]
    public void Quotes_after_a_sequence_come_oldest_first_and_complete_while_the_history_reaches_back_to_it()
    {
        var history = new QuoteHistory(capacity: 4, startsAfter: 10);
        foreach (var sequence in new long[] { 11, 12, 13 }) history.Add(At(sequence));

        var after = history.After(11);
        Assert.Equal([12L, 13L], after.Quotes.Select(q => q.Sequence));
        Assert.True(after.Complete);
        Assert.True(history.After(10).Complete);
        Assert.Equal([11L, 12L, 13L], history.After(10).Quotes.Select(q => q.Sequence));
        Assert.Empty(history.After(13).Quotes);
        // Before the activation's first number nothing is known: what an earlier activation published is not here.
        Assert.False(history.After(9).Complete);
    }

    [Fact]
    public void A_full_ring_drops_its_oldest_and_is_incomplete_for_what_it_dropped()
    {
        var history = new QuoteHistory(capacity: 3, startsAfter: 0);
        for (var sequence = 1; sequence <= 5; sequence++) history.Add(At(sequence));

        Assert.Equal(2, history.StartsAfter);
        var fromDropped = history.After(1);
        Assert.False(fromDropped.Complete);
        Assert.Equal([3L, 4L, 5L], fromDropped.Quotes.Select(q => q.Sequence));
        var kept = history.After(2);
        Assert.True(kept.Complete);
        Assert.Equal([3L, 4L, 5L], kept.Quotes.Select(q => q.Sequence));
    }
}
