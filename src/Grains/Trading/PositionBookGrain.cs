using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Crucible.Grains.Trading;

/// <summary>
/// One virtual account. The grain owns identity, quote subscriptions, the expiry timer and the event stream;
/// <see cref="TradingBook"/> does all the trading arithmetic.
/// </summary>
/// <remarks>
/// Not reentrant: commands and quotes are applied to the book one at a time, so every fill sees a single,
/// consistent account. Kept alive while open, because the book lives in memory in this version (see the
/// durability notes in docs/trading.md).
/// </remarks>
[KeepAlive]
public sealed class PositionBookGrain(
    InstrumentCatalog catalog,
    [FromKeyedServices(EngineClock.Key)] TimeProvider clock,
    ILogger<PositionBookGrain> logger) : Grain, IPositionBookGrain
{
    private static readonly TimeSpan ExpiryCheckPeriod = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, StreamSubscriptionHandle<Quote>> quoteSubscriptions = new(StringComparer.Ordinal);
    private TradingBook? book;
    private IAsyncStream<AccountEvent> events = null!;
    private IStreamProvider streams = null!;
    private IGrainTimer? expiryTimer;
    private long sequence;
    private AccountSnapshot? lastPublished;

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
            await PublishAsync([]);
        }
        return book.Snapshot(clock.GetUtcNow());
    }

    Task<AccountSnapshot?> IPositionBookGrain.GetAccountAsync() => Task.FromResult(book?.Snapshot(clock.GetUtcNow()));

    Task<AccountState?> IPositionBookGrain.GetStateAsync() => Task.FromResult(book is null ? null
        : new AccountState(book.Snapshot(clock.GetUtcNow()), book.Positions, [.. book.Orders.Where(o => o.IsWorking)], sequence));

    Task<OrderCommandResult> IPositionBookGrain.SubmitOrderAsync(OrderRequest request) =>
        RunAsync(request.Symbol, (b, now) => b.Submit(request, now));

    Task<OrderCommandResult> IPositionBookGrain.CancelOrderAsync(string orderId) =>
        RunAsync(null, (b, now) => b.Cancel(orderId, now));

    Task<OrderCommandResult> IPositionBookGrain.ReplaceOrderAsync(string orderId, ReplaceRequest request) =>
        RunAsync(book?.FindOrder(orderId)?.Symbol, (b, now) => b.Replace(orderId, request, now));

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

    // The phase evaluation is being wired in (issue 5); these answer for a plain account until then.
    Task<EvaluationState?> IPositionBookGrain.GetEvaluationAsync() => Task.FromResult<EvaluationState?>(null);

    Task<IReadOnlyList<RuleEvent>> IPositionBookGrain.GetRuleEventsAsync() => Task.FromResult<IReadOnlyList<RuleEvent>>([]);

    Task<IReadOnlyList<EquitySample>> IPositionBookGrain.GetEquitySamplesAsync() => Task.FromResult<IReadOnlyList<EquitySample>>([]);

    Task<EvaluationState?> IPositionBookGrain.EndEvaluationAsync(PhaseStatus status, string rule, string reason) =>
        Task.FromResult<EvaluationState?>(null);

    Task<EvaluationState?> IPositionBookGrain.ExtendEvaluationAsync(int days, string reason) => Task.FromResult<EvaluationState?>(null);

    private async Task<OrderCommandResult> RunAsync(string? symbol, Func<TradingBook, DateTimeOffset, BookResult> command)
    {
        if (book is null)
            return new OrderCommandResult(null, new OrderError(OrderErrorCode.UnknownAccount, "accountId",
                OrderErrors.Describe(OrderErrorCode.UnknownAccount)));

        // A command is a clock check: day orders whose session closed are expired before it acts, so it never
        // sees a stale working order. Then it acts on the market as it is now: the feed's latest quote (the
        // stream may be a few milliseconds behind), which may also trigger resting orders it crosses.
        var now = clock.GetUtcNow();
        var before = new List<BookEvent>(book.AdvanceTime(now));
        if (symbol is not null && catalog.Find(symbol) is { } instrument)
        {
            var latest = await GrainFactory.GetGrain<IInstrumentFeedGrain>(instrument.Symbol).GetQuoteAsync();
            if (latest is not null)
                before.AddRange(book.ApplyQuote(latest));
        }

        var result = command(book, now);
        await PublishAsync([.. before, .. result.Events]);
        await SyncSubscriptionsAsync();
        return new OrderCommandResult(result.Order, result.Error, result.Duplicate);
    }

    private async Task OnQuoteAsync(Quote quote, StreamSequenceToken? token)
    {
        if (book is null)
            return;
        var changes = book.ApplyQuote(quote);
        await PublishAsync(changes);
        if (changes.Count > 0)
            await SyncSubscriptionsAsync();
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        if (book is null)
            return;
        var changes = book.AdvanceTime(clock.GetUtcNow());
        await PublishAsync(changes);
        if (changes.Count > 0)
            await SyncSubscriptionsAsync();
    }

    /// <summary>
    /// Publishes what changed, then the account's numbers if they moved. Equity moves with every quote of a
    /// held symbol, so the account update is skipped when nothing in it changed.
    /// </summary>
    private async Task PublishAsync(IReadOnlyList<BookEvent> changes)
    {
        var now = clock.GetUtcNow();
        foreach (var change in changes.Where(c => c is not ContractSettled))
        {
            AccountEvent published = change switch
            {
                OrderChanged o => new OrderUpdated(AccountId, ++sequence, now, o.Order),
                OrderTrailed t => new OrderUpdated(AccountId, ++sequence, now, t.Order),
                FillExecuted f => new FillReported(AccountId, ++sequence, now, f.Fill),
                PositionChanged p => new PositionUpdated(AccountId, ++sequence, now, p.Position),
                _ => throw new InvalidOperationException($"unknown book event {change.GetType().Name}"),
            };
            await events.OnNextAsync(published);
        }

        var snapshot = book!.Snapshot(now);
        if (lastPublished is null || lastPublished with { UpdatedAt = now } != snapshot)
        {
            lastPublished = snapshot;
            await events.OnNextAsync(new AccountUpdated(AccountId, sequence, now, snapshot));
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
