using System.Collections.Concurrent;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Crucible.Grains.Markets.Dispatch;

/// <summary>
/// This silo's one subscriber to each symbol's quote stream, fanning every quote out in memory to the account
/// activations on this silo that hold or work the symbol (docs/scale.md "Market dispatcher"). Orleans streams suit
/// few subscribers per stream: an explicit subscription per account made every first position a call through the
/// symbol's pub-sub rendezvous grain, whose state held every holder, and made a tick one stream delivery per holder.
/// Here a tick is one delivery per silo; an account follows or drops a symbol with a dictionary update, on no grain.
/// </summary>
/// <remarks>
/// The streams are subscribed when the silo becomes active, all the catalog's symbols at once (a handful), so an
/// account never waits on a subscription and no tick is missed while one is being made; a symbol that could not be
/// subscribed then is tried again when an account follows it. Deliveries of different symbols may run at once:
/// followers are kept as copy-on-write arrays read without a lock.
/// </remarks>
public sealed class MarketDispatcher(
    IClusterClient cluster,
    InstrumentCatalog catalog,
    ILogger<MarketDispatcher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly QuoteMailbox[] None = [];

    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, QuoteMailbox[]> followers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<StreamSubscriptionHandle<Quote>>> subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> posted = new(StringComparer.Ordinal);

    /// <summary>Quotes of <paramref name="symbol"/> handed to account mailboxes since the silo started (one per follower per tick).</summary>
    public long Posted(string symbol) => posted.GetValueOrDefault(symbol);

    /// <summary>How many activations on this silo follow <paramref name="symbol"/>.</summary>
    public int FollowerCount(string symbol) => followers.GetValueOrDefault(symbol, None).Length;

    /// <summary>The mailbox of an account activation on this silo that follows <paramref name="symbol"/>, or null (diagnostics and tests).</summary>
    public QuoteMailbox? MailboxOf(string symbol, string accountId) =>
        followers.GetValueOrDefault(symbol, None).FirstOrDefault(m => m.AccountId == accountId);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(MarketDispatcher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        // One at a time: each subscription reads and writes its rendezvous grain's state (PostgreSQL in durable mode), and a
        // burst of them at every silo start would take as many connections at once. A failed subscription is logged and
        // tried again when an account follows the symbol; the silo starts anyway.
        foreach (var symbol in catalog.All.Select(i => i.Symbol))
        {
            Subscribe(symbol);
            await ((Task)subscriptions[symbol]).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        logger.LogInformation("Market dispatcher follows {Count} quote streams for this silo's accounts", subscriptions.Count(s => s.Value.IsCompletedSuccessfully));
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (symbol, subscription) in subscriptions)
        {
            try
            {
                await (await subscription).UnsubscribeAsync();
            }
            catch (Exception e)
            {
                // The silo is going: its subscriptions go with it.
                logger.LogDebug(e, "Unsubscribe from the {Symbol} quote stream failed during shutdown", symbol);
            }
        }
        subscriptions.Clear();
    }

    /// <summary>
    /// Makes <paramref name="mailbox"/> follow exactly <paramref name="symbols"/> (an empty set: nothing). Cheap when
    /// nothing changed, so the account calls it after every operation.
    /// </summary>
    public void Follow(QuoteMailbox mailbox, IReadOnlyCollection<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(symbols);
        lock (gate)
        {
            if (mailbox.Symbols.SetEquals(symbols))
                return;
            foreach (var dropped in mailbox.Symbols.Where(s => !symbols.Contains(s)).ToList())
            {
                mailbox.Symbols.Remove(dropped);
                var rest = followers.GetValueOrDefault(dropped, None).Where(m => m != mailbox).ToArray();
                if (rest.Length == 0) followers.TryRemove(dropped, out _);
                else followers[dropped] = rest;
            }
            foreach (var added in symbols.Where(s => !mailbox.Symbols.Contains(s)).ToList())
            {
                mailbox.Symbols.Add(added);
                followers[added] = [.. followers.GetValueOrDefault(added, None), mailbox];
                if (!subscriptions.TryGetValue(added, out var subscription) || subscription.IsFaulted)
                    Subscribe(added);
            }
        }
    }

    public void Unfollow(QuoteMailbox mailbox) => Follow(mailbox, []);

    private void Subscribe(string symbol)
    {
        subscriptions[symbol] = SubscribeAsync(symbol);
    }

    private async Task<StreamSubscriptionHandle<Quote>> SubscribeAsync(string symbol)
    {
        try
        {
            var stream = cluster.GetStreamProvider(MarketStreams.Provider).GetStream<Quote>(MarketStreams.QuoteStream(symbol));
            return await stream.SubscribeAsync((quote, _) =>
            {
                Deliver(quote);
                return Task.CompletedTask;
            });
        }
        catch (Exception e)
        {
            logger.LogError(e, "The market dispatcher could not subscribe to the {Symbol} quote stream; it tries again when an account follows it", symbol);
            throw;
        }
    }

    /// <summary>
    /// Hands a quote to every mailbox following its symbol: parked where it falls inside the account's price band, queued
    /// (and the account woken) elsewhere. The stream delivers here; a test may too, to drive accounts as the market would.
    /// </summary>
    public void Deliver(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var targets = followers.GetValueOrDefault(quote.Symbol, None);
        var parked = 0L;
        foreach (var mailbox in targets)
            if (mailbox.Post(quote)) parked++;
        posted.AddOrUpdate(quote.Symbol, static (_, n) => n, static (_, total, n) => total + n, (long)targets.Length);
        if (parked > 0) CrucibleMetrics.QuotesParkedBy(parked);
    }
}
