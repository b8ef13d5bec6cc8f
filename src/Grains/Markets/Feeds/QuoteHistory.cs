using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Markets.Feeds;

/// <summary>
/// A feed's most recent quotes, at most <see cref="Capacity"/> of them (a ring), in sequence order: how far back an account
/// that was away can catch up. It knows where it begins: after <see cref="StartsAfter"/>, the last sequence the feed may
/// have published before this history began (when the grain activated), so it can tell whether it holds everything
/// published after a given number.
/// </summary>
public sealed class QuoteHistory
{
    private readonly Quote[] ring;
    private int count;
    private int next;

    public QuoteHistory(int capacity, long startsAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ring = new Quote[capacity];
        StartsAfter = startsAfter;
    }

    public int Capacity => ring.Length;

    /// <summary>Every quote after this sequence is held, up to the latest (it moves when the ring drops its oldest).</summary>
    public long StartsAfter { get; private set; }

    /// <summary>Keeps a quote just published (sequences increase); the oldest goes when the ring is full.</summary>
    public void Add(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (count == ring.Length) StartsAfter = ring[next].Sequence;
        else count++;
        ring[next] = quote;
        next = (next + 1) % ring.Length;
    }

    /// <summary>The held quotes with a sequence above <paramref name="sequence"/>, oldest first, and whether they are all the feed published after it.</summary>
    public RecentQuotes After(long sequence)
    {
        var quotes = new List<Quote>();
        for (var i = 0; i < count; i++)
        {
            var quote = ring[(next - count + i + ring.Length) % ring.Length];
            if (quote.Sequence > sequence) quotes.Add(quote);
        }
        return new RecentQuotes(quotes, sequence >= StartsAfter);
    }
}
