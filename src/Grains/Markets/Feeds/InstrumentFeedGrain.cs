using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Markets.Simulation;
using Crucible.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Crucible.Grains.Ledger;
using Orleans.Streams;

namespace Crucible.Grains.Markets.Feeds;

/// <summary>
/// The feed of one instrument. A grain timer polls the instrument's tick source; every accepted tick gets
/// the next sequence number, updates the 1-second and 1-minute bars and is published on the symbol's quote
/// stream before the next one is taken, so subscribers see ticks in sequence order.
/// </summary>
/// <remarks>
/// Not reentrant: ticks from the timer and from <see cref="IInstrumentFeedGrain.IngestAsync"/> must be
/// numbered one at a time. The timer keeps the activation alive while the source runs. Sequence numbers and the last
/// quote survive reactivation and failover (<see cref="FeedContinuity"/>).
/// </remarks>
public sealed class InstrumentFeedGrain(
    InstrumentCatalog catalog,
    ITickSourceFactory sources,
    [FromKeyedServices(EngineClock.Key)] TimeProvider clock,
    [PersistentState("feed", StorageNames.Default)] IPersistentState<FeedContinuityState> continuity,
    ILogger<InstrumentFeedGrain> logger) : Grain, IInstrumentFeedGrain
{
    private const int SecondBarsKept = 3_600;
    private const int MinuteBarsKept = 1_440;

    /// <summary>
    /// Quotes kept for accounts catching up after a rebuild (docs/durability.md "Assessment accounts"): about 1 MB per
    /// feed; at the simulated feeds' few ticks a second, well over an hour of market.
    /// </summary>
    public const int RecentQuotesKept = 10_000;
    private static readonly TimeSpan MinimumTimerDelay = TimeSpan.FromMilliseconds(1);

    private readonly BarSeries secondBars = new(BarInterval.OneSecond, SecondBarsKept);
    private readonly BarSeries minuteBars = new(BarInterval.OneMinute, MinuteBarsKept);
    private InstrumentDefinition definition = null!;
    private IAsyncStream<Quote> stream = null!;
    private ITickSource? source;
    private IGrainTimer? pump;
    private Quote? quote;
    private long lastSequence;
    private DateTimeOffset lastCheckpoint;
    private QuoteHistory history = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A feed that was here before (or on a silo that died) goes on past every number it may have published, and
        // serves its last checkpointed quote until its next tick.
        quote = continuity.State.LastQuote;
        lastSequence = FeedContinuity.ResumeAfter(continuity.State);
        // What an earlier activation published is not here: the history holds only what this one publishes.
        history = new QuoteHistory(RecentQuotesKept, lastSequence);
        var symbol = this.GetPrimaryKeyString();
        definition = catalog.Find(symbol) is { } found && found.Symbol == symbol
            ? found
            : throw new ArgumentException($"'{symbol}' is not an instrument of the catalog (symbols are case-sensitive grain keys).");
        stream = this.GetStreamProvider(MarketStreams.Provider).GetStream<Quote>(MarketStreams.QuoteStream(symbol));
        return Task.CompletedTask;
    }

    /// <summary>A graceful deactivation keeps the very last quote; after a crash the last checkpoint (at most a period old) serves.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (quote is null || Equals(quote, continuity.State.LastQuote))
            return;
        // Embedded mode (no ledger, in-memory storage) keeps nothing across a shutdown, and its storage grains are
        // already gone by now: only a durable silo writes at shutdown.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && ServiceProvider.GetService<ILedger>() is null or NullLedger)
            return;
        continuity.State.LastQuote = quote;
        try
        {
            await continuity.WriteStateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Feed {Symbol} could not keep its last quote at deactivation; the last checkpoint serves", definition.Symbol);
        }
    }

    Task IInstrumentFeedGrain.EnsureStartedAsync()
    {
        if (pump is not null || source is { IsCompleted: true } || quote is { IsSettled: true })
            return Task.CompletedTask;
        source ??= sources.Create(definition, clock.GetUtcNow());
        if (source is null)
            return Task.CompletedTask;
        // A one-shot timer re-armed for the source's next due time: ticks leave on schedule, and an idle
        // replay gap costs no empty polls.
        pump = this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(DueIn(source), Timeout.InfiniteTimeSpan)
        {
            KeepAlive = true,
        });
        logger.LogInformation("Feed {Symbol} started from its {Source} source", definition.Symbol, definition.Feed.Source);
        return Task.CompletedTask;
    }

    Task<Quote?> IInstrumentFeedGrain.GetQuoteAsync() => Task.FromResult(quote);

    Task<RecentQuotes> IInstrumentFeedGrain.GetQuotesAfterAsync(long sequence) => Task.FromResult(history.After(sequence));

    Task<IReadOnlyList<Bar>> IInstrumentFeedGrain.GetBarsAsync(BarInterval interval, int limit) =>
        Task.FromResult(interval switch
        {
            BarInterval.OneSecond => secondBars.Latest(limit),
            BarInterval.OneMinute => minuteBars.Latest(limit),
            _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "unknown bar interval"),
        });

    async Task<Quote> IInstrumentFeedGrain.IngestAsync(MarketTick tick)
    {
        if (TickValidator.Check(definition.Spec, tick, quote) is { } problem)
            throw new ArgumentException($"{definition.Symbol}: {problem}", nameof(tick));
        return await AcceptAsync(tick);
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var tick in source!.Poll(clock.GetUtcNow()))
            {
                if (TickValidator.Check(definition.Spec, tick, quote) is { } problem)
                {
                    // A source bug must not reach traders as a tradeable price; drop the tick and say so.
                    logger.LogError("Feed {Symbol} dropped a tick from its source: {Problem}", definition.Symbol, problem);
                    continue;
                }
                await AcceptAsync(tick);
            }
        }
        finally
        {
            if (source!.IsCompleted)
            {
                pump?.Dispose();
                pump = null;
                logger.LogInformation("Feed {Symbol} source completed at sequence {Sequence}", definition.Symbol, quote?.Sequence);
            }
            else
            {
                pump?.Change(DueIn(source), Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Delay until the source's next tick; at least a millisecond so a full-speed replay still yields the grain.</summary>
    private TimeSpan DueIn(ITickSource tickSource)
    {
        var due = tickSource.NextDueTime ?? clock.GetUtcNow();
        var delay = due - clock.GetUtcNow();
        return delay < MinimumTimerDelay ? MinimumTimerDelay : delay;
    }

    private async Task<Quote> AcceptAsync(MarketTick tick)
    {
        var next = new Quote(definition.Symbol, tick.Bid, tick.Ask, tick.Last, tick.Size, tick.Time,
            lastSequence + 1, tick.Settlement, tick.BidSize, tick.AskSize, tick.RecordedAt);
        await CheckpointAsync(next);
        lastSequence = next.Sequence;
        quote = next;
        history.Add(next);
        secondBars.Add(tick.Time, tick.Last, tick.Size);
        minuteBars.Add(tick.Time, tick.Last, tick.Size);
        try { await stream.OnNextAsync(next); } catch { CrucibleMetrics.TickPublishFailed(definition.Symbol); throw; }
        CrucibleMetrics.TickPublished(definition.Symbol);
        return next;
    }

    /// <summary>
    /// Written before <paramref name="next"/> is published: a new block of sequence numbers when it needs one, and the
    /// quote itself at most once a checkpoint period (always for a settlement, which ends the contract).
    /// </summary>
    private async Task CheckpointAsync(Quote next)
    {
        var reserve = FeedContinuity.NeedsReservation(continuity.State, next.Sequence);
        var now = clock.GetUtcNow();
        if (!reserve && next.Settlement is null && now - lastCheckpoint < FeedContinuity.CheckpointPeriod) return;
        if (reserve) continuity.State.ReservedThrough = next.Sequence + FeedContinuity.BlockSize - 1;
        continuity.State.LastQuote = next;
        await continuity.WriteStateAsync();
        lastCheckpoint = now;
    }
}
