using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Trading.Bands;
using Microsoft.Extensions.Logging;

namespace Crucible.Grains.Markets.Dispatch;

/// <summary>
/// The quotes the silo's <see cref="MarketDispatcher"/> has for one account activation and that the activation has not
/// taken yet. A quote inside the account's armed <see cref="MarketBand"/> is parked (latest per symbol wins) and wakes no
/// one: it can change nothing but the marks, which the account takes before its next operation or read. Any other quote
/// disarms the band and is queued in the order it came (per symbol: the feed's order); when the mailbox goes from idle to
/// holding queued quotes it wakes the activation with one one-way <see cref="IMarketFollower.TakeQuotesAsync"/> call, and the
/// activation takes them in its own turn (its book is never touched outside one). No quote is dropped but a parked one
/// that a later quote of its symbol replaced (docs/scale.md "Price band").
/// </summary>
/// <remarks>
/// One producer at a time per symbol (the dispatcher's delivery of a stream is sequential), possibly several symbols at
/// once, and one consumer (the activation), under one lock. Parked quotes are always older than queued ones: the first
/// queued quote disarms the band, and only the activation arms it again, when nothing is parked or queued
/// (<see cref="TryArm"/>), so a band is never armed over quotes it was not computed with.
/// </remarks>
public sealed class QuoteMailbox(IMarketFollower owner, string accountId, ILogger logger)
{
    private readonly Lock gate = new();
    private readonly Queue<Quote> queue = new();
    private readonly Dictionary<string, Quote> parked = new(StringComparer.Ordinal);
    private MarketBand? band;
    private bool awake;
    // When the owner was last woken (Environment.TickCount64): a wake is one-way, so one that is lost is only noticed by
    // a quote that finds the owner still awake long after it.
    private long wokenAt;

    /// <summary>After this long awake with quotes still queued, the next queued quote wakes the owner again.</summary>
    public static readonly TimeSpan RewakeAfter = TimeSpan.FromSeconds(5);

    public string AccountId { get; } = accountId;

    /// <summary>The symbols it follows; owned by the dispatcher (changed under its lock).</summary>
    internal HashSet<string> Symbols { get; } = new(StringComparer.Ordinal);

    /// <summary>Quotes parked since the activation began (each a quote the account did not have to be woken for).</summary>
    public long ParkedCount { get; private set; }

    /// <summary>True when a band is armed: quotes inside it are parked.</summary>
    public bool Armed
    {
        get { lock (gate) return band is not null; }
    }

    /// <summary>Whether nothing is queued or being taken (parked quotes do not count: they wait for the next operation).</summary>
    public bool Idle
    {
        get { lock (gate) return !awake && queue.Count == 0; }
    }

    /// <summary>Parks the quote when the armed band admits it; otherwise disarms, queues it and wakes the owner if idle.</summary>
    /// <returns>True when the quote was parked.</returns>
    public bool Post(Quote quote)
    {
        bool wake;
        lock (gate)
        {
            if (band is not null && band.Admits(quote))
            {
                parked[quote.Symbol] = quote;
                ParkedCount++;
                return true;
            }
            band = null;
            queue.Enqueue(quote);
            var now = Environment.TickCount64;
            wake = !awake || now - wokenAt > (long)RewakeAfter.TotalMilliseconds;
            awake = true;
            if (wake) wokenAt = now;
        }
        if (wake) Wake();
        return false;
    }

    /// <summary>
    /// Moves the parked quotes (oldest first), then at most <paramref name="max"/> queued ones, into <paramref name="into"/>.
    /// When the queue is left empty the mailbox goes idle, so a later queued quote wakes the owner again.
    /// </summary>
    /// <returns>True when queued quotes are left (the owner should be woken again).</returns>
    public bool Take(List<Quote> into, int max)
    {
        lock (gate)
        {
            TakeParked(into);
            for (var taken = 0; taken < max && queue.TryDequeue(out var quote); taken++)
                into.Add(quote);
            if (queue.Count > 0) return true;
            awake = false;
            return false;
        }
    }

    /// <summary>Moves the parked quotes (oldest first) into <paramref name="into"/>: the marks the account has not taken.</summary>
    public void TakeParked(List<Quote> into)
    {
        lock (gate)
        {
            if (parked.Count == 0) return;
            var start = into.Count;
            into.AddRange(parked.Values);
            parked.Clear();
            into.Sort(start, into.Count - start, QuoteTimeOrder.Instance);
        }
    }

    /// <summary>
    /// Arms <paramref name="next"/> when nothing is parked or queued (the band was computed from the account as it stands,
    /// which is only true then); returns false otherwise, and the owner takes what waits first.
    /// </summary>
    public bool TryArm(MarketBand next)
    {
        ArgumentNullException.ThrowIfNull(next);
        lock (gate)
        {
            if (parked.Count > 0 || queue.Count > 0) return false;
            band = next == MarketBand.Closed ? null : next;
            return true;
        }
    }

    /// <summary>Every quote is queued until the band is armed again.</summary>
    public void Disarm()
    {
        lock (gate) band = null;
    }

    /// <summary>The owner stopped taking with quotes left (it took its share for one turn): it is called again, after what waits.</summary>
    public void WakeAgain()
    {
        lock (gate) wokenAt = Environment.TickCount64;
        Wake();
    }

    /// <summary>A one-way call: it returns at once. Should the call fail to be sent, the next queued quote after <see cref="RewakeAfter"/> sends it again.</summary>
    private void Wake()
    {
        try
        {
            _ = owner.TakeQuotesAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Account {AccountId} could not be woken for its queued quotes; a later quote tries again", AccountId);
        }
    }

    private sealed class QuoteTimeOrder : IComparer<Quote>
    {
        public static readonly QuoteTimeOrder Instance = new();

        public int Compare(Quote? x, Quote? y) =>
            x!.Time != y!.Time ? x.Time.CompareTo(y.Time) : string.CompareOrdinal(x.Symbol, y.Symbol);
    }
}
