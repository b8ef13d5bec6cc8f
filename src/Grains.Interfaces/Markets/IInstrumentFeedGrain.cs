namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// One feed per symbol (the grain key). It holds the quote and recent bars and publishes every accepted
/// tick on the <see cref="MarketStreams.Quotes"/> stream of its symbol.
/// </summary>
[Alias("crucible.IInstrumentFeedGrain")]
public interface IInstrumentFeedGrain : IGrainWithStringKey
{
    /// <summary>Starts the configured source (simulator or replay) if it is not running. Idempotent.</summary>
    [Alias("EnsureStarted")]
    Task EnsureStartedAsync();

    /// <summary>The latest quote, or null before the first tick.</summary>
    [Alias("GetQuote")]
    Task<Quote?> GetQuoteAsync();

    /// <summary>
    /// The quotes published after <paramref name="sequence"/> that the feed still holds (its last
    /// <c>InstrumentFeedGrain.RecentQuotesKept</c> of this activation), oldest first: what an account rebuilt from its
    /// ledger judges to catch up with the market it missed (docs/durability.md "Assessment accounts").
    /// </summary>
    [Alias("GetQuotesAfter")]
    Task<RecentQuotes> GetQuotesAfterAsync(long sequence);

    /// <summary>Up to <paramref name="limit"/> most recent bars, oldest first; the last may still be forming.</summary>
    [Alias("GetBars")]
    Task<IReadOnlyList<Bar>> GetBarsAsync(BarInterval interval, int limit);

    /// <summary>
    /// Accepts a tick from an outside source (a live venue adapter or a test). Returns the stamped quote.
    /// Rejects ticks off the tick grid or with a crossed or non-positive book.
    /// </summary>
    [Alias("Ingest")]
    Task<Quote> IngestAsync(MarketTick tick);
}
