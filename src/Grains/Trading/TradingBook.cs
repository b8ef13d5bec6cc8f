using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;

namespace Crucible.Grains.Trading;

/// <summary>
/// One account's orders, fills, positions and cash, exactly as docs/trading.md specifies. Plain and
/// single-threaded: the position book grain calls it one message at a time. Ids are sequential per book
/// ("O-1", "F-1", ...), so the same inputs always produce the same book.
/// </summary>
public sealed class TradingBook
{
    /// <summary>
    /// The largest account the engine opens, and its largest leverage: with the instruments' order bounds they keep
    /// every exposure and P&amp;L the book computes far inside decimal's range (docs/trading.md "Bounds").
    /// </summary>
    public const decimal MaxInitialBalance = 1_000_000_000_000m;

    public const decimal MaxLeverage = 10_000m;

    private readonly BookState state;
    private readonly OrderLifecycle lifecycle;
    private readonly OrderEntry entry;
    private readonly MarketActivity market;

    public TradingBook(string accountId, decimal initialBalance, TradingTerms terms, Func<string, InstrumentSpec?> findInstrument)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(findInstrument);
        state = new BookState(accountId, initialBalance, terms, findInstrument);
        lifecycle = new OrderLifecycle(state);
        var fills = new FillEngine(state, lifecycle);
        entry = new OrderEntry(state, lifecycle, fills);
        market = new MarketActivity(state, lifecycle, fills);
    }

    /// <summary>
    /// A book rebuilt from its journal (every event it reported, in order) and the latest quotes: the same orders,
    /// fills, positions and cash, and it goes on exactly as the original would have.
    /// </summary>
    public static TradingBook Rebuild(
        string accountId, decimal initialBalance, TradingTerms terms, Func<string, InstrumentSpec?> findInstrument,
        IEnumerable<BookEvent> journal, IEnumerable<Quote> latestQuotes)
    {
        var book = new TradingBook(accountId, initialBalance, terms, findInstrument);
        BookRebuild.Replay(book.state, journal, latestQuotes);
        return book;
    }

    public string AccountId => state.AccountId;

    public TradingTerms Terms => state.Terms;

    /// <summary>All orders, oldest first: a copy of the whole history, for readers.</summary>
    public IReadOnlyList<Order> Orders => state.Orders.All;

    /// <summary>The working orders, oldest first; costs what they are, not the history.</summary>
    public IReadOnlyList<Order> WorkingOrders => state.Orders.Working;

    public bool HasWorkingOrders => state.Orders.HasWorking;

    /// <summary>How many orders the book has recorded.</summary>
    public int OrderCount => state.Orders.Count;

    /// <summary>All fills, oldest first.</summary>
    public IReadOnlyList<Fill> Fills => state.Fills.ToList();

    /// <summary>Open positions, marked to the latest quotes, by symbol.</summary>
    public IReadOnlyList<Position> Positions => AccountValuation.Of(state).Positions;

    /// <summary>The latest quote the book has applied per symbol.</summary>
    public IReadOnlyDictionary<string, Quote> Quotes => state.Quotes;

    /// <summary>Symbols the book needs quotes for: open positions and working orders.</summary>
    public IReadOnlyCollection<string> WatchedSymbols =>
        state.Ledger.Symbols.Concat(state.Orders.Working.Select(o => o.Symbol))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public AccountSnapshot Snapshot(DateTimeOffset now)
    {
        var account = AccountValuation.Of(state);
        return new AccountSnapshot(
            state.AccountId, OrderAdmission.AccountCurrency, state.InitialBalance, account.Balance,
            state.Ledger.RealizedPnl, account.UnrealizedPnl, account.Equity, state.Ledger.Commissions,
            account.GrossExposure, account.NetExposure, account.BuyingPower(state.Terms.MaxLeverage),
            state.Terms.MaxLeverage, now);
    }

    public Order? FindOrder(string orderId) => state.Orders.Find(orderId);

    public Order? FindByClientOrderId(string clientOrderId) => state.Orders.FindByClientId(clientOrderId);

    /// <summary>The instrument of a symbol, or null when the catalog does not have it.</summary>
    public InstrumentSpec? FindInstrument(string? symbol) => state.Find(symbol);

    /// <summary>The signed quantity held in a symbol (0 when flat).</summary>
    public decimal QuantityOf(string symbol) => state.Ledger.QuantityOf(symbol);

    /// <summary>Balance and equity at the latest quotes, and whether any position is open: what the rules observe.</summary>
    public (decimal Balance, decimal Equity, bool HasOpenPositions) Numbers()
    {
        // Asked on every tick of a held symbol: the sums alone, without the position records a valuation builds.
        var balance = AccountValuation.BalanceOf(state);
        return (balance, balance + state.Ledger.UnrealizedPnl(state.Quotes), state.Ledger.HasPositions);
    }

    /// <summary>Gross exposure (Σ |market value|) at the latest quotes.</summary>
    public decimal GrossExposure => AccountValuation.Of(state).GrossExposure;

    /// <summary>
    /// Liquidates the account: cancels every working order as it stands (no bracket legs are released), then closes
    /// each position with a market order, filled like any other at the bid or ask. A position whose market is closed
    /// or has no quote stays open (its close order is rejected and recorded); the caller tries again later.
    /// </summary>
    public IReadOnlyList<BookEvent> Flatten(DateTimeOffset now)
    {
        foreach (var o in state.Orders.Working) lifecycle.CancelAsIs(o.Id, now);
        var events = new List<BookEvent>(state.TakeEvents());
        foreach (var symbol in state.Ledger.Symbols.ToList())
        {
            var spec = state.Instrument(symbol);
            if (state.QuoteOf(symbol) is null || !TradingCalendar.IsOpen(spec.Hours, now)) continue;
            events.AddRange(ClosePosition(symbol, now).Events);
        }
        return events;
    }

    /// <summary>
    /// Whether the book would refuse <paramref name="request"/> before recording anything (validation, then the
    /// instrument's bounds): what the plan's checks run after, so they only ever see bounded numbers.
    /// </summary>
    public OrderError? Screen(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return entry.Screen(request, state.Find(request.Symbol));
    }

    /// <summary>Validates and places an order, filling it at once when it is marketable against the latest quote.</summary>
    public BookResult Submit(OrderRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return entry.Submit(request, now);
    }

    public BookResult Cancel(string orderId, DateTimeOffset now)
    {
        var order = state.Orders.Find(orderId);
        if (order is null) return BookResult.Refused(OrderErrorCode.UnknownOrder, null);
        if (!order.IsWorking) return BookResult.Refused(OrderErrorCode.OrderNotCancelable, null);
        lifecycle.Cancel(orderId, now);
        return new BookResult(state.Orders.Get(orderId), null, state.TakeEvents());
    }

    public BookResult Replace(string orderId, ReplaceRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return entry.Replace(orderId, request, now);
    }

    /// <summary>Closes the whole position in a symbol with a market day order.</summary>
    public BookResult ClosePosition(string symbol, DateTimeOffset now)
    {
        symbol = state.Find(symbol)?.Symbol ?? symbol;
        var quantity = state.Ledger.QuantityOf(symbol);
        if (quantity == 0m) return BookResult.Refused(OrderErrorCode.NoPosition, null);
        var side = quantity > 0m ? OrderSide.Sell : OrderSide.Buy;
        return entry.Submit(new OrderRequest(symbol, side, OrderType.Market, Math.Abs(quantity), TimeInForce.Day), now);
    }

    /// <summary>
    /// Applies a quote: ignored unless newer (by sequence) than the book's quote for that symbol; marks
    /// positions, moves trailing stops, triggers and fills resting orders (an opg order on its session's first quote),
    /// settles prediction contracts, and first expires day orders that are due (executing cls orders at their close against
    /// the quote before this one). Returns what changed.
    /// </summary>
    public IReadOnlyList<BookEvent> ApplyQuote(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        market.ApplyQuote(quote);
        return state.TakeEvents();
    }

    /// <summary>
    /// Expires day, opg and cls orders whose session has closed by <paramref name="now"/>; a cls order first executes at its
    /// close against the last quote of its session.
    /// </summary>
    public IReadOnlyList<BookEvent> AdvanceTime(DateTimeOffset now)
    {
        market.ExpireDue(now);
        return state.TakeEvents();
    }
}
