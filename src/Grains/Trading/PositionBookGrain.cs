using Crucible.Grains.Challenges;
using Crucible.Grains.Challenges.News;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Crucible.Grains.Trading;

/// <summary>
/// One virtual account. The grain owns identity, quote subscriptions, the expiry and phase timers and the event
/// stream; <see cref="TradingBook"/> does all the trading arithmetic. An assessment account (opened with an
/// <see cref="AccountEvaluation"/>) also runs its phase's rules through <see cref="PhaseEvaluation"/>, synchronously
/// after every quote, command and clock step, in this activation (docs/rules.md "In the grains").
/// </summary>
/// <remarks>
/// Not reentrant: commands and quotes are applied to the book one at a time, so every fill sees a single,
/// consistent account, and the rules see every fill and tick in order, however close in time. Kept alive while
/// open, because the book lives in memory in this version (see the durability notes in docs/trading.md).
/// </remarks>
[KeepAlive]
public sealed class PositionBookGrain(
    InstrumentCatalog catalog,
    NewsCalendar news,
    [FromKeyedServices(EngineClock.Key)] TimeProvider clock,
    ILogger<PositionBookGrain> logger) : Grain, IPositionBookGrain
{
    private static readonly TimeSpan ExpiryCheckPeriod = TimeSpan.FromSeconds(1);

    // The phase timer wakes at the next reset or deadline by the engine clock, but waits at most a minute (the engine
    // clock may be a test's fake that jumps) and at least a second. Every command and quote checks the phase clock
    // too, so nothing is evaluated out of order, and ExpireDueOrdersAsync does it at once.
    private static readonly TimeSpan PhaseClockMinWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PhaseClockMaxWait = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, StreamSubscriptionHandle<Quote>> quoteSubscriptions = new(StringComparer.Ordinal);
    private TradingBook? book;
    private IAsyncStream<AccountEvent> events = null!;
    private IStreamProvider streams = null!;
    private IGrainTimer? expiryTimer;
    private long sequence;
    private AccountSnapshot? lastPublished;
    private PhaseEvaluation? evaluation;
    private IGrainTimer? phaseTimer;
    private DateTimeOffset? phaseTimerDue;
    private EvaluationState? lastPublishedEvaluation;
    private bool outcomeSent;

    // Account events of the operation being run, numbered as they happen and published together at its end.
    private readonly List<AccountEvent> outbox = [];

    private string AccountId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        streams = this.GetStreamProvider(MarketStreams.Provider);
        events = streams.GetStream<AccountEvent>(AccountStreams.EventStream(AccountId));
        return Task.CompletedTask;
    }

    async Task<AccountSnapshot> IPositionBookGrain.OpenAsync(OpenAccountRequest request)
    {
        if (book is null)
        {
            if (request.InitialBalance <= 0)
                throw new ArgumentException("initialBalance: must be positive", nameof(request));
            book = new TradingBook(AccountId, request.InitialBalance, request.Terms ?? TradingTerms.Default,
                symbol => catalog.Find(symbol)?.Spec);
            logger.LogInformation("Account {AccountId} opened with {InitialBalance}", AccountId, request.InitialBalance);
            if (request.Evaluation is { } phase)
            {
                evaluation = new PhaseEvaluation(phase, request.InitialBalance, news: news);
                foreach (var e in evaluation.Events) Report(e);
                logger.LogInformation("Account {AccountId} runs phase {PhaseIndex} of assessment {AssessmentId}",
                    AccountId, phase.PhaseIndex, phase.AssessmentId);
            }
            await FlushAsync();
        }
        return book.Snapshot(clock.GetUtcNow());
    }

    Task<AccountSnapshot?> IPositionBookGrain.GetAccountAsync() => Task.FromResult(book?.Snapshot(clock.GetUtcNow()));

    Task<AccountState?> IPositionBookGrain.GetStateAsync() => Task.FromResult(book is null ? null
        : new AccountState(book.Snapshot(clock.GetUtcNow()), book.Positions, [.. book.Orders.Where(o => o.IsWorking)], sequence));

    Task<OrderCommandResult> IPositionBookGrain.SubmitOrderAsync(OrderRequest request) =>
        RunAsync(request.Symbol, (b, now) =>
            evaluation is { } phase && PhaseOrderGuard.CheckSubmit(phase, b, request, now) is { } refused
                ? new BookResult(null, refused, [])
                : b.Submit(request, now));

    Task<OrderCommandResult> IPositionBookGrain.CancelOrderAsync(string orderId) =>
        RunAsync(null, (b, now) => b.Cancel(orderId, now));

    Task<OrderCommandResult> IPositionBookGrain.ReplaceOrderAsync(string orderId, ReplaceRequest request) =>
        RunAsync(book?.FindOrder(orderId)?.Symbol, (b, now) =>
            evaluation is { } phase && PhaseOrderGuard.CheckReplace(phase, b, orderId, request, now) is { } refused
                ? new BookResult(null, refused, [])
                : b.Replace(orderId, request, now));

    Task<OrderCommandResult> IPositionBookGrain.ClosePositionAsync(string symbol) =>
        RunAsync(symbol, (b, now) => b.ClosePosition(symbol, now));

    Task<IReadOnlyList<Order>> IPositionBookGrain.GetOrdersAsync(OrderStatusFilter filter)
    {
        IEnumerable<Order> orders = book?.Orders ?? [];
        orders = filter switch
        {
            OrderStatusFilter.Open => orders.Where(o => o.IsWorking),
            OrderStatusFilter.Closed => orders.Where(o => !o.IsWorking),
            _ => orders,
        };
        return Task.FromResult<IReadOnlyList<Order>>([.. orders.Reverse()]);
    }

    Task<Order?> IPositionBookGrain.GetOrderAsync(string orderId) => Task.FromResult(book?.FindOrder(orderId));

    Task<IReadOnlyList<Position>> IPositionBookGrain.GetPositionsAsync() =>
        Task.FromResult(book?.Positions ?? []);

    Task<IReadOnlyList<Fill>> IPositionBookGrain.GetFillsAsync() => Task.FromResult(book?.Fills ?? []);

    Task IPositionBookGrain.ApplyQuoteAsync(Quote quote) => OnQuoteAsync(quote, null);

    Task IPositionBookGrain.ExpireDueOrdersAsync() => ExpireAsync(CancellationToken.None);

    Task<EvaluationState?> IPositionBookGrain.GetEvaluationAsync() => Task.FromResult(evaluation?.State(clock.GetUtcNow()));

    Task<IReadOnlyList<RuleEvent>> IPositionBookGrain.GetRuleEventsAsync() =>
        Task.FromResult<IReadOnlyList<RuleEvent>>(evaluation is null ? [] : [.. evaluation.Events]);

    Task<IReadOnlyList<EquitySample>> IPositionBookGrain.GetEquitySamplesAsync() =>
        Task.FromResult<IReadOnlyList<EquitySample>>(evaluation is null ? [] : [.. evaluation.Samples]);

    async Task<EvaluationState?> IPositionBookGrain.EndEvaluationAsync(PhaseStatus status, string rule, string reason)
    {
        if (book is null || evaluation is null) return null;
        var now = clock.GetUtcNow();
        StepPhaseClock(now);
        foreach (var e in evaluation.End(status, rule, reason, now)) Report(e);
        Enforce(now);
        await FlushAsync();
        await SyncSubscriptionsAsync();
        return evaluation.State(now);
    }

    async Task<EvaluationState?> IPositionBookGrain.ExtendEvaluationAsync(int days, string reason)
    {
        if (book is null || evaluation is null) return null;
        var now = clock.GetUtcNow();
        // A deadline already due expires the phase first: an extension does not reopen an ended phase.
        StepPhaseClock(now);
        Enforce(now);
        foreach (var e in evaluation.Extend(days, reason, now)) Report(e);
        await FlushAsync();
        await SyncSubscriptionsAsync();
        return evaluation.State(now);
    }

    private async Task<OrderCommandResult> RunAsync(string? symbol, Func<TradingBook, DateTimeOffset, BookResult> command)
    {
        if (book is null)
            return new OrderCommandResult(null, new OrderError(OrderErrorCode.UnknownAccount, "accountId",
                OrderErrors.Describe(OrderErrorCode.UnknownAccount)));

        // A command is a clock check: day orders whose session closed are expired before it acts, so it never
        // sees a stale working order. Then it acts on the market as it is now: the feed's latest quote (the
        // stream may be a few milliseconds behind), which may also trigger resting orders it crosses.
        var now = clock.GetUtcNow();
        Quote? latest = null;
        if (symbol is not null && catalog.Find(symbol) is { } instrument)
            latest = await GrainFactory.GetGrain<IInstrumentFeedGrain>(instrument.Symbol).GetQuoteAsync();

        // The phase sees the clock, the expiries and the latest quote before the command, so the command is checked
        // against the phase as it stands now (a breach on that quote refuses it).
        StepPhaseClock(now);
        Apply(book.AdvanceTime(now));
        if (latest is not null)
            ApplyQuote(latest);
        Enforce(now);

        var result = command(book, now);
        Apply(result.Events);
        Enforce(now);
        await FlushAsync();
        await SyncSubscriptionsAsync();
        return new OrderCommandResult(result.Order, result.Error, result.Duplicate);
    }

    private async Task OnQuoteAsync(Quote quote, StreamSequenceToken? token)
    {
        if (book is null)
            return;
        var now = clock.GetUtcNow();
        // Resets and deadlines up to this quote are observed before it.
        StepPhaseClock(quote.Time > now ? quote.Time : now);
        var changed = ApplyQuote(quote);
        Enforce(now);
        var published = outbox.Count > 0;
        await FlushAsync();
        if (changed || published)
            await SyncSubscriptionsAsync();
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        if (book is null)
            return;
        var now = clock.GetUtcNow();
        StepPhaseClock(now);
        Apply(book.AdvanceTime(now));
        Enforce(now);
        var changed = outbox.Count > 0;
        await FlushAsync();
        if (changed)
            await SyncSubscriptionsAsync();
    }

    /// <summary>The phase timer: gives the rules their clock observations (resets, deadlines) when they are due.</summary>
    private async Task PhaseClockAsync(CancellationToken cancellationToken)
    {
        if (book is null || evaluation?.NextDue is not { } due)
            return;
        var now = clock.GetUtcNow();
        if (due > now)
        {
            // Woken by the one-minute cap: aim again at what is left.
            phaseTimerDue = null;
            SchedulePhaseClock(now);
            return;
        }
        await ExpireAsync(cancellationToken);
    }

    /// <summary>
    /// Applies a quote to the book and lets the phase observe it: each fill it caused, then the tick when the
    /// symbol is held (before or after). A quote the book has already seen changes nothing. Returns whether the
    /// book changed.
    /// </summary>
    private bool ApplyQuote(Quote quote)
    {
        var seen = book!.Quotes.TryGetValue(quote.Symbol, out var current) && current.Sequence >= quote.Sequence;
        var heldBefore = book.QuantityOf(quote.Symbol) != 0m;
        var changes = book.ApplyQuote(quote);
        Apply(changes);
        if (evaluation is not null && !seen && (heldBefore || book.QuantityOf(quote.Symbol) != 0m))
        {
            var (balance, equity, open) = book.Numbers();
            foreach (var e in evaluation.OnTick(quote.Symbol, quote.Sequence, quote.Time, balance, equity, open)) Report(e);
        }
        return changes.Count > 0;
    }

    /// <summary>Numbers the book's changes into the outbox; the phase observes each fill with the account right after it.</summary>
    private void Apply(IReadOnlyList<BookEvent> changes, bool liquidation = false)
    {
        var now = clock.GetUtcNow();
        foreach (var change in changes.Where(c => c is not ContractSettled))
        {
            outbox.Add(change switch
            {
                OrderChanged o => new OrderUpdated(AccountId, ++sequence, now, o.Order),
                OrderTrailed t => new OrderUpdated(AccountId, ++sequence, now, t.Order),
                FillExecuted f => new FillReported(AccountId, ++sequence, now, f.Fill),
                PositionChanged p => new PositionUpdated(AccountId, ++sequence, now, p.Position),
                _ => throw new InvalidOperationException($"unknown book event {change.GetType().Name}"),
            });
            if (change is FillExecuted fill && evaluation is not null)
                foreach (var e in evaluation.OnFill(fill.Fill, fill.BalanceAfter, fill.EquityAfter, fill.HasOpenPositions, liquidation))
                    Report(e);
        }
    }

    private void Report(RuleEvent e) =>
        outbox.Add(new RuleEventReported(AccountId, ++sequence, clock.GetUtcNow(), evaluation!.Evaluation.AssessmentId, e));

    /// <summary>Gives the phase a clock observation at every reset or deadline due by <paramref name="upTo"/>, in order.</summary>
    private void StepPhaseClock(DateTimeOffset upTo)
    {
        while (evaluation?.NextDue is { } due && due <= upTo)
        {
            var (balance, equity, open) = book!.Numbers();
            foreach (var e in evaluation.OnClock(due, balance, equity, open)) Report(e);
            Enforce(clock.GetUtcNow());
        }
    }

    /// <summary>
    /// What a breach or an ended phase means for the book, at once: working orders are canceled and every position is
    /// closed at market (fills at the bid or ask like any other; the phase observes them as liquidation fills). A
    /// position whose market is closed is closed at the first quote or command once it opens.
    /// </summary>
    private void Enforce(DateTimeOffset now)
    {
        // The session rules first (flat-by, weekend, stop deadline, blackout evidence): their closings are the trader's fills.
        if (evaluation is not null)
        {
            var session = SessionEnforcement.Enforce(evaluation, book!, now);
            foreach (var e in session.Events) Report(e);
            Apply(session.Changes);
        }
        if (evaluation is null || (evaluation.IsActive && !evaluation.TradingBlocked))
            return;
        // A liquidation fill can itself breach (its commission): the loop flattens whatever is left, a few times at most.
        for (var round = 0; round < 3; round++)
        {
            var changes = book!.Flatten(now);
            if (changes.Count == 0)
                return;
            Apply(changes, liquidation: true);
        }
    }

    /// <summary>
    /// Publishes the operation's events, then the account's numbers and the phase's progress if they moved (both
    /// repeat the last sequence and may be conflated), then tells the assessment once when its phase has ended.
    /// </summary>
    private async Task FlushAsync()
    {
        var now = clock.GetUtcNow();
        var pending = outbox.ToList();
        outbox.Clear();
        foreach (var e in pending)
            await events.OnNextAsync(e);

        // Equity moves with every quote of a held symbol, so the account update is skipped when nothing in it changed.
        var snapshot = book!.Snapshot(now);
        if (lastPublished is null || lastPublished with { UpdatedAt = now } != snapshot)
        {
            lastPublished = snapshot;
            await events.OnNextAsync(new AccountUpdated(AccountId, sequence, now, snapshot));
        }

        if (evaluation is null)
            return;
        var state = evaluation.State(now);
        if (lastPublishedEvaluation is null || !SameProgress(lastPublishedEvaluation, state))
        {
            lastPublishedEvaluation = state;
            await events.OnNextAsync(new EvaluationUpdated(AccountId, sequence, now, state));
        }
        SchedulePhaseClock(now);
        if (!evaluation.IsActive && !outcomeSent)
        {
            outcomeSent = true;
            await NotifyPhaseEndedAsync(evaluation.Outcome(AccountId));
        }
    }

    /// <summary>Points the phase timer at the next reset or deadline when it moved; stops it once the phase has ended.</summary>
    private void SchedulePhaseClock(DateTimeOffset now)
    {
        var due = evaluation!.NextDue;
        if (due == phaseTimerDue)
            return;
        phaseTimerDue = due;
        if (due is null)
        {
            phaseTimer?.Dispose();
            phaseTimer = null;
            return;
        }
        var wait = due.Value - now;
        wait = wait < PhaseClockMinWait ? PhaseClockMinWait : wait > PhaseClockMaxWait ? PhaseClockMaxWait : wait;
        if (phaseTimer is null)
            phaseTimer = this.RegisterGrainTimer(PhaseClockAsync, new GrainTimerCreationOptions(wait, wait));
        else
            phaseTimer.Change(wait, wait);
    }

    private static bool SameProgress(EvaluationState a, EvaluationState b) =>
        a with { Progress = b.Progress, UpdatedAt = b.UpdatedAt } == b && a.Progress.SequenceEqual(b.Progress);

    /// <summary>
    /// One-way, so the book never waits on the assessment. The assessment grain is built elsewhere: until a grain
    /// implements <see cref="IPhaseListener"/> the call fails, and the outcome stays readable from this grain.
    /// </summary>
    private async Task NotifyPhaseEndedAsync(PhaseOutcome outcome)
    {
        logger.LogInformation("Phase {PhaseIndex} of assessment {AssessmentId} on account {AccountId} ended {Status} by {EndedBy}",
            outcome.PhaseIndex, outcome.AssessmentId, AccountId, outcome.Status, outcome.EndedBy);
        try
        {
            await GrainFactory.GetGrain<IPhaseListener>(outcome.AssessmentId).OnPhaseEndedAsync(outcome);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell assessment {AssessmentId} that phase {PhaseIndex} ended", outcome.AssessmentId, outcome.PhaseIndex);
        }
    }

    /// <summary>Follows the quotes of exactly the symbols the book holds or works, and runs the expiry clock while orders work.</summary>
    private async Task SyncSubscriptionsAsync()
    {
        var watched = book!.WatchedSymbols;
        foreach (var symbol in watched.Where(s => !quoteSubscriptions.ContainsKey(s)).ToList())
        {
            var stream = streams.GetStream<Quote>(MarketStreams.QuoteStream(symbol));
            quoteSubscriptions[symbol] = await stream.SubscribeAsync(OnQuoteAsync);
        }
        foreach (var symbol in quoteSubscriptions.Keys.Where(s => !watched.Contains(s)).ToList())
        {
            await quoteSubscriptions[symbol].UnsubscribeAsync();
            quoteSubscriptions.Remove(symbol);
        }

        var working = book.Orders.Any(o => o.IsWorking);
        if (working && expiryTimer is null)
            expiryTimer = this.RegisterGrainTimer(ExpireAsync, new GrainTimerCreationOptions(ExpiryCheckPeriod, ExpiryCheckPeriod));
        else if (!working && expiryTimer is not null)
        {
            expiryTimer.Dispose();
            expiryTimer = null;
        }
    }
}
