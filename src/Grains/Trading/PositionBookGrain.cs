using Crucible.Grains.Challenges;
using Crucible.Grains.Challenges.News;
using Crucible.Grains.Challenges.Rules;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;
using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Markets.Dispatch;
using Crucible.Grains.Telemetry;
using Crucible.Grains.Trading.Bands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Crucible.Grains.Trading;

/// <summary>
/// One virtual account. The grain owns identity, its place in the silo's market dispatcher, the expiry and phase timers
/// and the event stream; <see cref="TradingBook"/> does all the trading arithmetic. An assessment account (opened with an
/// <see cref="AccountEvaluation"/>) also runs its phase's rules through <see cref="PhaseEvaluation"/>, synchronously
/// after every quote, command and clock step, in this activation (docs/rules.md "In the grains").
/// </summary>
/// <remarks>
/// Not reentrant: commands and quotes are applied to the book one at a time, so every fill sees a single,
/// consistent account, and the rules see every fill and tick in order, however close in time. Kept alive while
/// open, because the book lives in memory. Durable mode (docs/durability.md): what every operation changed is
/// appended to the <see cref="ILedger"/>, and only once that append is committed are its events published and its
/// answer returned; an activation rebuilds the account from the ledger. If the ledger refuses an append, the
/// activation answers <see cref="OrderErrorCode.LedgerUnavailable"/> and goes, so the next one reloads what is durable.
/// </remarks>
[KeepAlive]
public sealed class PositionBookGrain(
    InstrumentCatalog catalog,
    NewsCalendar news,
    ILedger ledger,
    ILedgerReader ledgerReader,
    MarketDispatcher dispatcher,
    [FromKeyedServices(EngineClock.Key)] TimeProvider clock,
    ILogger<PositionBookGrain> logger) : Grain, IPositionBookGrain, IMarketFollower, IRemindable
{
    // Durable mode: while the account follows markets, a reminder brings it back after its silo died, so its resting
    // orders and rules meet the market again without waiting for a caller (the dispatcher only feeds live activations).
    private const string WakeReminder = "follow-markets";
    private static readonly TimeSpan WakePeriod = TimeSpan.FromMinutes(1);
    private const int QuotesPerTurn = 256;

    private static readonly TimeSpan ExpiryCheckPeriod = TimeSpan.FromSeconds(1);

    // The phase timer wakes at the next reset or deadline by the engine clock, but waits at most a minute (the engine
    // clock may be a test's fake that jumps) and at least a second. Every command and quote checks the phase clock
    // too, so nothing is evaluated out of order, and ExpireDueOrdersAsync does it at once.
    private static readonly TimeSpan PhaseClockMinWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PhaseClockMaxWait = TimeSpan.FromMinutes(1);

    private QuoteMailbox mailbox = null!;
    private PriceBandOptions bands = null!;
    // Until then a watcher (a dashboard) wants every tick and live equity: the band stays disarmed.
    private DateTimeOffset watchedUntil;
    private readonly List<Quote> taken = [];
    private bool wakeReminderSet;
    private TradingBook? book;
    private AccountEventPublisher publisher = null!;
    private IGrainTimer? expiryTimer;
    private long sequence;
    private AccountSnapshot? lastPublished;
    private PhaseEvaluation? evaluation;
    private IGrainTimer? phaseTimer;
    private DateTimeOffset? phaseTimerDue;
    private EvaluationState? lastPublishedEvaluation;
    // The phase's outcome goes to the assessment until it acknowledges it (PhaseOutcomeAppliedAsync).
    private PhaseOutcome? unacknowledgedOutcome;
    private bool outcomeSent;
    private IGrainTimer? outcomeTimer;
    private static readonly TimeSpan OutcomeRetryFirst = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OutcomeRetryMax = TimeSpan.FromMinutes(1);

    // Durable mode: an assessment account rebuilt from the ledger has its phase's evidence, not its rule engine.
    private RestoredPhase? restored;
    private AccountJournal journal = null!;

    // Set when the ledger refused an append or could not be read: this activation answers nothing more and goes.
    private Exception? unavailable;

    // Account events of the operation being run, numbered as they happen and published together at its end, once
    // the ledger entries of the same operation are committed.
    private readonly List<AccountEvent> outbox = [];
    private readonly List<LedgerEntry> entries = [];

    private string AccountId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        CrucibleMetrics.AccountActivated();
        var streams = this.GetStreamProvider(MarketStreams.Provider);
        mailbox = new QuoteMailbox(this.AsReference<IMarketFollower>(), AccountId, logger);
        bands = ServiceProvider.GetService<PriceBandOptions>() ?? new PriceBandOptions();
        publisher = new AccountEventPublisher(streams.GetStream<AccountEvent>(AccountStreams.EventStream(AccountId)), AccountId, logger);
        journal = new AccountJournal(AccountId);
        AccountHistory history;
        try
        {
            history = await ledgerReader.ReadAccountAsync(AccountId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            unavailable = e;
            logger.LogError(e, "Account {AccountId} could not be read from the ledger; it answers LedgerUnavailable until it can be", AccountId);
            return;
        }
        if (history.Opened is { } opened)
            await RebuildAsync(history, opened);
    }

    /// <summary>Events handed to the publisher leave before the activation goes, when they can within the deactivation's time.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CrucibleMetrics.AccountDeactivated();
        if (mailbox is not null)
            dispatcher.Unfollow(mailbox);
        if (publisher is not null)
            await publisher.Flushed.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <summary>
    /// The account as its ledger has it (docs/durability.md "Rebuild"): the book replayed from its journal and the quotes
    /// it had seen, the numbering of versions, rule events and stream events going on where it was, its symbols followed
    /// again. An assessment account's phase comes back from its latest snapshot and then judges the quotes the feeds
    /// published after the ones the snapshot saw (<see cref="CatchUpAsync"/>); only a ledger without a readable snapshot
    /// gives a <see cref="RestoredPhase"/>.
    /// </summary>
    private async Task RebuildAsync(AccountHistory history, AccountOpened opened)
    {
        var snapshot = history.PhaseSnapshot;
        var seen = (snapshot?.Quotes ?? []).ToDictionary(q => q.Symbol, StringComparer.Ordinal);
        var symbols = history.Orders.Select(o => o.Order.Symbol).Distinct(StringComparer.Ordinal).ToList();
        var quotes = new List<Quote>();
        foreach (var symbol in symbols)
        {
            // The quote the snapshot saw of a symbol it watched; for the others the feed's latest is as good as any.
            if (seen.TryGetValue(symbol, out var last))
                quotes.Add(last);
            else if (catalog.Find(symbol) is { } instrument && await GrainFactory.GetGrain<IInstrumentFeedGrain>(instrument.Symbol).GetQuoteAsync() is { } quote)
                quotes.Add(quote);
        }
        book = TradingBook.Rebuild(AccountId, opened.InitialBalance, opened.Terms ?? TradingTerms.Default,
            symbol => catalog.Find(symbol)?.Spec, AccountJournal.BookEventsOf(history), quotes);
        journal = AccountJournal.Restore(history);
        sequence = AccountJournal.PublishedEvents(history);
        if (opened.Evaluation is { } phase)
            RestorePhase(history, opened, phase);

        FollowMarkets();
        logger.LogInformation(
            "Account {AccountId} rebuilt from the ledger: {Orders} orders, {Fills} fills, {Positions} positions, balance {Balance}{Phase}",
            AccountId, book.OrderCount, history.Fills.Count, book.Positions.Count, book.Snapshot(clock.GetUtcNow()).Balance,
            evaluation is not null ? $"; its phase resumes from snapshot {snapshot!.Sequence} ({evaluation.Status})"
                : restored is null ? "" : restored.IsActive ? "; its phase is suspended until the assessment decides" : $"; its phase ended {restored.Status}");
        if (evaluation is not null)
            await CatchUpAsync(snapshot!.Quotes);
        ArmBand();
    }

    /// <summary>The phase from the ledger's latest snapshot; without a readable one, the evidence only (suspended if still active, with an alert).</summary>
    private void RestorePhase(AccountHistory history, AccountOpened opened, AccountEvaluation phase)
    {
        var events = history.RuleEvents.Select(r => r.Event).ToList();
        var samples = history.EquitySamples.Select(s => s.Sample).ToList();
        var problem = history.PhaseSnapshotProblem;
        if (history.PhaseSnapshot is { } snapshot)
        {
            try
            {
                evaluation = PhaseEvaluation.Restore(phase, opened.InitialBalance, snapshot.Snapshot, events, samples, news: news);
                return;
            }
            catch (InvalidDataException e)
            {
                problem = $"phase snapshot {snapshot.Sequence} does not fit the phase's rules: {e.Message}";
            }
        }
        problem ??= "the ledger holds no phase snapshot (it was written before snapshots were recorded)";
        restored = new RestoredPhase(phase, opened.InitialBalance, events, samples, problem);
        if (restored.IsActive)
            logger.LogError(
                "Account {AccountId}: phase {PhaseIndex} of assessment {AssessmentId} cannot resume ({Problem}); it is suspended until an evaluator decides",
                AccountId, phase.PhaseIndex, phase.AssessmentId, problem);
    }

    /// <summary>
    /// Judges the quotes the account missed while it was away: for every symbol whose last quote the snapshot holds, the
    /// quotes its feed published after that one (from the feed's recent history), all symbols merged by time, each
    /// applied as it would have been live at its own time (the phase clock up to it, day orders expired, the quote, the
    /// flatten). They are committed as one operation. A history that no longer reaches back that far is judged from
    /// its oldest quote on, and logged.
    /// </summary>
    private async Task CatchUpAsync(IReadOnlyList<Quote> seen)
    {
        var missed = new List<Quote>();
        foreach (var last in seen)
        {
            if (catalog.Find(last.Symbol) is not { } instrument)
                continue;
            var recent = await GrainFactory.GetGrain<IInstrumentFeedGrain>(instrument.Symbol).GetQuotesAfterAsync(last.Sequence);
            missed.AddRange(recent.Quotes);
            if (!recent.Complete)
                logger.LogWarning(
                    "Account {AccountId}: the feed of {Symbol} no longer holds every quote after {Sequence}; the rules judge the {Count} it holds (from {First})",
                    AccountId, last.Symbol, last.Sequence, recent.Quotes.Count, recent.Quotes.FirstOrDefault()?.Sequence);
        }
        if (missed.Count == 0)
            return;
        foreach (var quote in missed.OrderBy(q => q.Time).ThenBy(q => q.Symbol, StringComparer.Ordinal).ThenBy(q => q.Sequence))
            ApplyTick(quote, at: quote.Time);
        logger.LogInformation("Account {AccountId} judged {Count} quotes it missed while away", AccountId, missed.Count);
        if (await CommitAsync())
            FollowMarkets();
    }

    async Task<AccountSnapshot> IPositionBookGrain.OpenAsync(OpenAccountRequest request)
    {
        ThrowIfUnavailable();
        if (book is null)
        {
            if (request.InitialBalance is <= 0 or > TradingBook.MaxInitialBalance)
                throw new ArgumentException($"initialBalance: must be positive and at most {TradingBook.MaxInitialBalance}", nameof(request));
            if (request.Terms is { MaxLeverage: <= 0 or > TradingBook.MaxLeverage })
                throw new ArgumentException($"terms.maxLeverage: must be above 0 and at most {TradingBook.MaxLeverage}", nameof(request));
            book = new TradingBook(AccountId, request.InitialBalance, request.Terms ?? TradingTerms.Default,
                symbol => catalog.Find(symbol)?.Spec);
            entries.Add(new AccountOpened(AccountId, request.InitialBalance, clock.GetUtcNow(), request.Terms, request.Evaluation));
            if (request.Evaluation is { } phase)
            {
                evaluation = new PhaseEvaluation(phase, request.InitialBalance, news: news);
                foreach (var e in evaluation.Events) Report(e);
            }
            if (!await CommitAsync())
                ThrowIfUnavailable();
            ArmBand();
            logger.LogInformation("Account {AccountId} opened with {InitialBalance}", AccountId, request.InitialBalance);
            if (request.Evaluation is { } started)
                logger.LogInformation("Account {AccountId} runs phase {PhaseIndex} of assessment {AssessmentId}",
                    AccountId, started.PhaseIndex, started.AssessmentId);
        }
        return book.Snapshot(clock.GetUtcNow());
    }

    async Task<AccountSnapshot?> IPositionBookGrain.GetAccountAsync()
    {
        ThrowIfUnavailable();
        await TakeParkedMarksAsync();
        return book?.Snapshot(clock.GetUtcNow());
    }

    async Task<AccountState?> IPositionBookGrain.GetStateAsync()
    {
        ThrowIfUnavailable();
        await TakeParkedMarksAsync();
        return book is null ? null
            : new AccountState(book.Snapshot(clock.GetUtcNow()), book.Positions, book.WorkingOrders, sequence);
    }

    Task<OrderCommandResult> IPositionBookGrain.SubmitOrderAsync(OrderRequest request) =>
        RunAsync(request.Symbol, (b, now) =>
            (evaluation is { } phase ? PhaseOrderGuard.CheckSubmit(phase, b, request, now)
                : restored is { } suspended ? PhaseOrderGuard.CheckSubmit(suspended, b, request) : null) is { } refused
                ? new BookResult(null, refused, [])
                : b.Submit(request, now));

    Task<OrderCommandResult> IPositionBookGrain.CancelOrderAsync(string orderId) =>
        RunAsync(null, (b, now) => b.Cancel(orderId, now));

    Task<OrderCommandResult> IPositionBookGrain.ReplaceOrderAsync(string orderId, ReplaceRequest request) =>
        RunAsync(book?.FindOrder(orderId)?.Symbol, (b, now) =>
            (evaluation is { } phase ? PhaseOrderGuard.CheckReplace(phase, b, orderId, request, now)
                : restored is { } suspended ? PhaseOrderGuard.CheckReplace(suspended) : null) is { } refused
                ? new BookResult(null, refused, [])
                : b.Replace(orderId, request, now));

    Task<OrderCommandResult> IPositionBookGrain.ClosePositionAsync(string symbol) =>
        RunAsync(symbol, (b, now) => b.ClosePosition(symbol, now));

    Task<IReadOnlyList<Order>> IPositionBookGrain.GetOrdersAsync(OrderStatusFilter filter)
    {
        ThrowIfUnavailable();
        IEnumerable<Order> orders = book is null ? [] : filter switch
        {
            OrderStatusFilter.Open => book.WorkingOrders,
            OrderStatusFilter.Closed => book.Orders.Where(o => !o.IsWorking),
            _ => book.Orders,
        };
        return Task.FromResult<IReadOnlyList<Order>>([.. orders.Reverse()]);
    }

    Task<Order?> IPositionBookGrain.GetOrderAsync(string orderId)
    {
        ThrowIfUnavailable();
        return Task.FromResult(book?.FindOrder(orderId));
    }

    async Task<IReadOnlyList<Position>> IPositionBookGrain.GetPositionsAsync()
    {
        ThrowIfUnavailable();
        await TakeParkedMarksAsync();
        return book?.Positions ?? [];
    }

    Task<IReadOnlyList<Fill>> IPositionBookGrain.GetFillsAsync()
    {
        ThrowIfUnavailable();
        return Task.FromResult(book?.Fills ?? []);
    }

    Task IPositionBookGrain.ApplyQuoteAsync(Quote quote) => OnQuoteAsync(quote);

    /// <summary>
    /// Applies the quotes the dispatcher queued, in order, each a tick of its own for the book and the rules, then commits
    /// and publishes them together: a burst the account fell behind on costs one ledger append and one event batch. At
    /// most <see cref="QuotesPerTurn"/> in one turn, so a fast market never starves the account's commands.
    /// </summary>
    async Task IMarketFollower.TakeQuotesAsync()
    {
        // Parked quotes are older than any queued one: applied first, at their own times.
        BeginOperation();
        taken.Clear();
        var more = mailbox.Take(taken, QuotesPerTurn);
        var changed = false;
        if (book is not null && unavailable is null)
        {
            foreach (var quote in taken)
                changed |= ApplyTick(quote);
            ClockUpToNow();
        }
        if (more)
            mailbox.WakeAgain();
        if (book is null || unavailable is not null)
            return;
        var published = outbox.Count > 0;
        if ((taken.Count > 0 || published || entries.Count > 0) && !await CommitAsync())
            return;
        if (changed || published)
            FollowMarkets();
        if (!more)
            ArmBand();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // Being activated was the point; an account that follows nothing any more lets the reminder go.
        if (reminderName != WakeReminder || book is null || unavailable is not null || book.WatchedSymbols.Count > 0)
            return;
        if (await this.GetReminder(WakeReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        wakeReminderSet = false;
    }

    Task IPositionBookGrain.ExpireDueOrdersAsync() => ExpireAsync(CancellationToken.None);

    async Task<EvaluationState?> IPositionBookGrain.GetEvaluationAsync()
    {
        ThrowIfUnavailable();
        await TakeParkedMarksAsync();
        return EvaluationState(clock.GetUtcNow());
    }

    async Task IPositionBookGrain.WatchMarksAsync(TimeSpan lease)
    {
        if (lease <= TimeSpan.Zero || lease > TimeSpan.FromMinutes(10))
            lease = PriceBandOptions.DefaultWatchLease;
        watchedUntil = clock.GetUtcNow() + lease;
        if (book is null || unavailable is not null)
            return;
        // From now on every tick wakes the account and publishes its equity; what was parked goes out at once.
        BeginOperation();
        await CommitAsync();
    }

    Task<IReadOnlyList<RuleEvent>> IPositionBookGrain.GetRuleEventsAsync()
    {
        ThrowIfUnavailable();
        return Task.FromResult<IReadOnlyList<RuleEvent>>(evaluation is not null ? [.. evaluation.Events] : restored is not null ? [.. restored.Events] : []);
    }

    Task<IReadOnlyList<EquitySample>> IPositionBookGrain.GetEquitySamplesAsync()
    {
        ThrowIfUnavailable();
        return Task.FromResult<IReadOnlyList<EquitySample>>(evaluation is not null ? [.. evaluation.Samples] : restored is not null ? [.. restored.Samples] : []);
    }

    async Task<EvaluationState?> IPositionBookGrain.EndEvaluationAsync(PhaseStatus status, string rule, string reason)
    {
        ThrowIfUnavailable();
        if (book is null || (evaluation is null && restored is null)) return null;
        BeginOperation();
        var now = clock.GetUtcNow();
        if (evaluation is not null)
        {
            StepPhaseClock(now);
            foreach (var e in evaluation.End(status, rule, reason, now)) Report(e);
        }
        else
        {
            // A suspended phase is decided with the account as it stands; then it flattens like any ended phase.
            var (balance, equity, _) = book.Numbers();
            foreach (var e in restored!.End(status, rule, reason, now, balance, equity)) Report(e);
        }
        Enforce(now);
        if (!await CommitAsync())
            ThrowIfUnavailable();
        FollowMarkets();
        ArmBand();
        return EvaluationState(now);
    }

    async Task<EvaluationState?> IPositionBookGrain.ExtendEvaluationAsync(int days, string reason)
    {
        ThrowIfUnavailable();
        if (book is null || (evaluation is null && restored is null)) return null;
        var now = clock.GetUtcNow();
        // A suspended phase has no running time limit to move: it waits for the assessment's decision.
        if (evaluation is null) return EvaluationState(now);
        // A deadline already due expires the phase first: an extension does not reopen an ended phase.
        BeginOperation();
        StepPhaseClock(now);
        Enforce(now);
        foreach (var e in evaluation.Extend(days, reason, now)) Report(e);
        if (!await CommitAsync())
            ThrowIfUnavailable();
        FollowMarkets();
        ArmBand();
        return evaluation.State(now);
    }

    private EvaluationState? EvaluationState(DateTimeOffset now)
    {
        if (evaluation is not null) return evaluation.State(now);
        if (restored is null || book is null) return null;
        var (balance, equity, _) = book.Numbers();
        return restored.State(now, balance, equity);
    }

    /// <summary>
    /// After the ledger refused an append (or could not be read), this activation's memory may hold what is not durable:
    /// it answers nothing from it, and asks to be deactivated so the next call reloads what the ledger holds.
    /// </summary>
    private void ThrowIfUnavailable()
    {
        if (unavailable is null) return;
        DeactivateOnIdle();
        throw new LedgerUnavailableException(
            $"Account {AccountId} is not available: the ledger could not record or read it ({unavailable.Message}). Retry shortly.");
    }

    private OrderCommandResult? Unavailable()
    {
        if (unavailable is null) return null;
        DeactivateOnIdle();
        return new OrderCommandResult(null, new OrderError(OrderErrorCode.LedgerUnavailable, null,
            $"{OrderErrors.Describe(OrderErrorCode.LedgerUnavailable)} ({unavailable.Message})"));
    }

    private async Task<OrderCommandResult> RunAsync(string? symbol, Func<TradingBook, DateTimeOffset, BookResult> command)
    {
        var started = CrucibleMetrics.CommandStarted();
        if (Unavailable() is { } refused)
            return refused;
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
        BeginOperation();

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
        if (!await CommitAsync())
            return Unavailable()!;
        FollowMarkets();
        ArmBand();
        CrucibleMetrics.OrderCommandHandled(started, result.Order, result.Error);
        return new OrderCommandResult(result.Order, result.Error, result.Duplicate);
    }

    private async Task OnQuoteAsync(Quote quote)
    {
        if (book is null || unavailable is not null)
            return;
        BeginOperation();
        var changed = ApplyTick(quote);
        ClockUpToNow();
        var published = outbox.Count > 0;
        if (!await CommitAsync())
            return;
        if (changed || published)
            FollowMarkets();
        ArmBand();
    }

    /// <summary>A quote as the book and the phase take it: the clock up to it first, then the quote, then what a breach enforces.</summary>
    /// <remarks>
    /// A quote the account missed while away is applied <paramref name="at"/> its own time, as it was live: day orders whose
    /// session closed before it expire first (live, the expiry timer did that).
    /// </remarks>
    private bool ApplyTick(Quote quote, DateTimeOffset? at = null)
    {
        var now = at ?? clock.GetUtcNow();
        // Resets and deadlines up to this quote's own time are observed before it; those between it and now (a quote taken
        // late) after the last quote of its batch (ClockUpToNow), so the rules see the market in time order.
        StepPhaseClock(quote.Time);
        if (at is not null)
            Apply(book!.AdvanceTime(now));
        var changed = ApplyQuote(quote, live: at is null);
        CrucibleMetrics.QuoteApplied();
        Enforce(quote.Time > now ? quote.Time : now);
        return changed;
    }

    /// <summary>After a batch of quotes: the resets and deadlines due since the last of them, and what they enforce.</summary>
    private void ClockUpToNow()
    {
        var now = clock.GetUtcNow();
        StepPhaseClock(now);
        Enforce(now);
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        if (book is null || unavailable is not null)
            return;
        BeginOperation();
        var now = clock.GetUtcNow();
        StepPhaseClock(now);
        Apply(book.AdvanceTime(now));
        Enforce(now);
        var changed = outbox.Count > 0;
        if (!await CommitAsync())
            return;
        if (changed)
            FollowMarkets();
        ArmBand();
    }

    /// <summary>The phase timer: gives the rules their clock observations (resets, deadlines) when they are due.</summary>
    private async Task PhaseClockAsync(CancellationToken cancellationToken)
    {
        if (book is null || unavailable is not null || evaluation?.NextDue is not { } due)
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
    private bool ApplyQuote(Quote quote, bool live = true)
    {
        var seen = book!.Quotes.TryGetValue(quote.Symbol, out var current) && current.Sequence >= quote.Sequence;
        var heldBefore = book.QuantityOf(quote.Symbol) != 0m;
        var changes = book.ApplyQuote(quote);
        Apply(changes);
        if (evaluation is not null && !seen && (heldBefore || book.QuantityOf(quote.Symbol) != 0m))
        {
            var (balance, equity, open) = book.Numbers();
            foreach (var e in evaluation.OnTick(quote.Symbol, quote.Sequence, quote.Time, balance, equity, open, quote.Bid, quote.Ask)) Report(e);
            if (live)
                CrucibleMetrics.RuleChecked(quote.Time, clock.GetUtcNow());
        }
        return changes.Count > 0;
    }

    /// <summary>
    /// Numbers the book's changes into the outbox and their ledger entries into the operation's append; the phase
    /// observes each fill with the account right after it.
    /// </summary>
    private void Apply(IReadOnlyList<BookEvent> changes, bool liquidation = false)
    {
        var now = clock.GetUtcNow();
        foreach (var change in changes)
        {
            if (journal.Record(change) is { } entry)
                entries.Add(entry);
            if (change is ContractSettled)
                continue;
            outbox.Add(change switch
            {
                OrderChanged o => new OrderUpdated(AccountId, ++sequence, now, o.Order),
                OrderTrailed t => new OrderUpdated(AccountId, ++sequence, now, t.Order),
                FillExecuted f => new FillReported(AccountId, ++sequence, now, f.Fill),
                PositionChanged p => new PositionUpdated(AccountId, ++sequence, now, p.Position),
                _ => throw new InvalidOperationException($"unknown book event {change.GetType().Name}"),
            });
            if (change is FillExecuted) CrucibleMetrics.FillExecuted();
            if (change is FillExecuted fill && evaluation is not null)
            {
                var touch = book!.Quotes.GetValueOrDefault(fill.Fill.Symbol);
                foreach (var e in evaluation.OnFill(fill.Fill, fill.BalanceAfter, fill.EquityAfter, fill.HasOpenPositions, liquidation,
                             touch?.Bid, touch?.Ask))
                    Report(e);
            }
        }
    }

    private void Report(RuleEvent e)
    {
        entries.Add(journal.Record(e));
        CrucibleMetrics.RuleEventRecorded(e.Kind);
        var assessmentId = evaluation?.Evaluation.AssessmentId ?? restored!.Evaluation.AssessmentId;
        outbox.Add(new RuleEventReported(AccountId, ++sequence, clock.GetUtcNow(), assessmentId, e));
    }

    /// <summary>Gives the phase a clock observation at every reset or deadline due by <paramref name="upTo"/>, in order.</summary>
    private void StepPhaseClock(DateTimeOffset upTo)
    {
        while (evaluation?.NextDue is { } due && due <= upTo)
        {
            var (balance, equity, open) = book!.Numbers();
            foreach (var e in evaluation.OnClock(due, balance, equity, open)) Report(e);
            // What the step enforces (a flatten after an expiry, a flat-by close) happens at its instant, however late the
            // account looks: live, after a late timer, and when a rebuilt account catches up all do the same.
            Enforce(due);
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
        // A restored phase flattens once it has ended; while suspended it evaluates nothing, so it enforces nothing.
        var flatten = evaluation is { } phase ? !phase.IsActive || phase.TradingBlocked : restored is { IsActive: false };
        if (!flatten)
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
    /// Ends an operation: appends its ledger entries (and the phase's new equity samples) and waits for the commit, then
    /// hands its events to the publisher, which sends them as one batch without the operation waiting (docs/scale.md
    /// "Order path"). When the ledger refuses, nothing is published, the activation is marked unavailable and asks to be
    /// deactivated (its memory is ahead of the ledger), and false is returned.
    /// </summary>
    private async Task<bool> CommitAsync()
    {
        var samples = evaluation?.Samples ?? restored?.Samples;
        if (samples is not null)
            entries.AddRange(journal.NewSamples(samples));
        // Every append of an assessment account ends with its phase's state, so the latest snapshot is never older than
        // anything in the ledger: a rebuild resumes from it and judges only quotes after it (docs/durability.md). Embedded
        // mode's ledger keeps nothing, so nothing is rebuilt there and the snapshot is not built.
        if (evaluation is not null && entries.Count > 0 && ledger.KeepsHistory)
            entries.Add(journal.Record(evaluation.Snapshot(), SeenQuotes()));
        if (entries.Count > 0)
        {
            var append = entries.ToList();
            entries.Clear();
            try
            {
                await ledger.AppendAsync(append);
            }
            catch (Exception e)
            {
                outbox.Clear();
                unavailable = e;
                logger.LogError(e,
                    "Account {AccountId}: the ledger did not take {Entries} entries; the operation is not acknowledged nor published, and the account reloads from the ledger",
                    AccountId, append.Count);
                DeactivateOnIdle();
                return false;
            }
        }
        try
        {
            Publish();
            if (EndedOutcome() is { } ended)
                await NotifyPhaseEndedAsync(ended);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is committed, so the caller still gets what happened: a publish failure must never turn an
            // order that filled into an error. Subscribers that missed these events see the sequence gap and resync.
            outbox.Clear();
            CrucibleMetrics.AccountEventsPublishFailed();
            logger.LogWarning(e, "Account {AccountId}: the events of a committed operation could not be published", AccountId);
        }
        return true;
    }

    /// <summary>The last quote the book applied of each symbol it holds or works orders in: where a rebuild catches up from.</summary>
    private List<Quote> SeenQuotes()
    {
        var seen = new List<Quote>();
        foreach (var symbol in book!.WatchedSymbols)
            if (book.Quotes.TryGetValue(symbol, out var quote))
                seen.Add(quote);
        return seen;
    }

    /// <summary>
    /// Hands the operation's events to the publisher, then the account's numbers and the phase's progress if they moved
    /// (both repeat the last sequence and may be conflated); points the phase timer at what is due next.
    /// </summary>
    private void Publish()
    {
        var now = clock.GetUtcNow();
        var batch = new List<AccountEvent>(outbox.Count + 2);
        batch.AddRange(outbox);
        outbox.Clear();

        // Equity moves with every quote of a held symbol, so the account update is skipped when nothing in it changed.
        var snapshot = book!.Snapshot(now);
        if (lastPublished is null || lastPublished with { UpdatedAt = now } != snapshot)
        {
            lastPublished = snapshot;
            batch.Add(new AccountUpdated(AccountId, sequence, now, snapshot));
        }
        if (evaluation is not null)
        {
            var state = evaluation.State(now);
            if (lastPublishedEvaluation is null || !SameProgress(lastPublishedEvaluation, state))
            {
                lastPublishedEvaluation = state;
                batch.Add(new EvaluationUpdated(AccountId, sequence, now, state));
            }
            SchedulePhaseClock(now);
        }
        publisher.Publish(batch);
    }

    /// <summary>The phase's outcome the first time it is seen ended; the assessment is told once (and until it acknowledges).</summary>
    private PhaseOutcome? EndedOutcome()
    {
        if (outcomeSent)
            return null;
        PhaseOutcome? ended = restored is { IsActive: false } ? restored.Outcome(AccountId)
            : evaluation is { IsActive: false } ? evaluation.Outcome(AccountId) : null;
        outcomeSent = ended is not null;
        return ended;
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
    /// Tells the assessment its phase ended: one-way, so the book never waits on the assessment, and re-sent until the
    /// assessment acknowledges it. A book rebuilt with an ended phase sends it again (the assessment ignores what it has).
    /// </summary>
    private async Task NotifyPhaseEndedAsync(PhaseOutcome outcome)
    {
        unacknowledgedOutcome = outcome;
        await SendOutcomeAsync(outcome);
        // Until the assessment acknowledges, the outcome goes again, less and less often (it may be away, or its
        // ledger may be): an ended phase's outcome is never lost, and applying it twice changes nothing.
        var wait = OutcomeRetryFirst;
        outcomeTimer?.Dispose();
        outcomeTimer = this.RegisterGrainTimer(async _ =>
        {
            if (unacknowledgedOutcome is not { } pending) return;
            await SendOutcomeAsync(pending);
            wait = wait * 2 > OutcomeRetryMax ? OutcomeRetryMax : wait * 2;
            outcomeTimer?.Change(wait, wait);
        }, new GrainTimerCreationOptions(wait, wait) { KeepAlive = true });
    }

    Task IPositionBookGrain.PhaseOutcomeAppliedAsync(PhaseOutcome outcome)
    {
        if (unacknowledgedOutcome is { } pending && pending.AssessmentId == outcome.AssessmentId && pending.PhaseIndex == outcome.PhaseIndex)
        {
            unacknowledgedOutcome = null;
            outcomeTimer?.Dispose();
            outcomeTimer = null;
        }
        return Task.CompletedTask;
    }

    private async Task SendOutcomeAsync(PhaseOutcome outcome)
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

    /// <summary>
    /// Follows the quotes of exactly the symbols the book holds or works, through the silo's market dispatcher (in
    /// memory: nothing on the order path waits on a stream subscription), and runs the expiry clock while orders work.
    /// </summary>
    private void FollowMarkets()
    {
        var watched = book!.WatchedSymbols;
        dispatcher.Follow(mailbox, watched);
        if (watched.Count > 0 && !wakeReminderSet)
            SetWakeReminder();

        var working = book.HasWorkingOrders;
        if (working && expiryTimer is null)
            expiryTimer = this.RegisterGrainTimer(ExpireAsync, new GrainTimerCreationOptions(ExpiryCheckPeriod, ExpiryCheckPeriod));
        else if (!working && expiryTimer is not null)
        {
            expiryTimer.Dispose();
            expiryTimer = null;
        }
    }

    /// <summary>
    /// Durable mode only (a single embedded silo has no failover to recover from): registered once, after the answer,
    /// never awaited by an operation; it stays until a reminder finds the account following nothing.
    /// </summary>
    private void SetWakeReminder()
    {
        if (ServiceProvider.GetService<IReminderTable>() is null)
            return;
        wakeReminderSet = true;
        _ = RegisterWakeReminderAsync();
    }

    private async Task RegisterWakeReminderAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(WakeReminder, WakePeriod, WakePeriod);
        }
        catch (Exception e)
        {
            wakeReminderSet = false;
            logger.LogWarning(e, "Account {AccountId}: the reminder that brings it back after a failover could not be registered; the next operation tries again", AccountId);
        }
    }

    /// <summary>
    /// Every operation that may change the account starts here: the band is disarmed (it was computed from the account
    /// before this operation), and the quotes parked inside it are applied first, each at its own time, so the operation
    /// sees the market as it is.
    /// </summary>
    private void BeginOperation()
    {
        mailbox.Disarm();
        TakeParked();
    }

    /// <summary>Applies the quotes parked inside the band, each as the tick it was at its own time (docs/scale.md "Price band").</summary>
    private void TakeParked()
    {
        if (book is null || unavailable is not null)
            return;
        taken.Clear();
        mailbox.TakeParked(taken);
        foreach (var quote in taken)
            ApplyTick(quote, at: quote.Time);
    }

    /// <summary>
    /// A read brings the marks up to date with the quotes parked inside the band. They change nothing the rules keep, so
    /// the band stays armed; should one have changed something after all, it is committed like any tick.
    /// </summary>
    private async Task TakeParkedMarksAsync()
    {
        TakeParked();
        if (entries.Count > 0 || outbox.Count > 0)
            await CommitAsync();
    }

    /// <summary>
    /// Arms the account's price band for the account as it now stands: quotes inside it are parked without waking the
    /// account (docs/scale.md "Price band"). Not while the band is off, a watcher wants every tick, or the account cannot
    /// trade; a suspended phase judges nothing, so it has no band either. When quotes wait in the mailbox, the band stays
    /// disarmed: the turn that takes them arms it.
    /// </summary>
    private void ArmBand()
    {
        if (!bands.Enabled || book is null || unavailable is not null || watchedUntil > clock.GetUtcNow())
        {
            mailbox.Disarm();
            return;
        }
        var band = evaluation is { } phase ? MarketBand.Of(book, phase.QuietBand(), phase.QuietUntil)
            : restored is not null ? MarketBand.Closed
            : MarketBand.Of(book, EquityBand.Unbounded, DateTimeOffset.MaxValue);
        mailbox.TryArm(band);
    }
}
