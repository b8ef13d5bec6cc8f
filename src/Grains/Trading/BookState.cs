using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// Everything one book holds, shared by the small classes that act on it, and the events of the command
/// being run. Single-threaded like the book.
/// </summary>
internal sealed class BookState(string accountId, decimal initialBalance, TradingTerms terms, Func<string, InstrumentSpec?> findInstrument)
{
    private readonly List<BookEvent> events = [];
    private int lastFillNumber;

    public string AccountId { get; } = accountId;

    public decimal InitialBalance { get; } = initialBalance;

    public TradingTerms Terms { get; } = terms;

    public OrderStore Orders { get; } = new();

    public PositionLedger Ledger { get; } = new();

    public List<Fill> Fills { get; } = [];

    public Dictionary<string, Quote> Quotes { get; } = new(StringComparer.Ordinal);

    public TouchLiquidity Liquidity { get; } = new(terms.LimitFillsToTopOfBook);

    public ISlippageModel Slippage { get; } = new BpsSlippageModel(terms.Slippage);

    public ICommissionModel Commission { get; } = new ScheduleCommissionModel(terms);

    /// <summary>What every order and fill time is stamped by, so that an account's times never go back.</summary>
    public BookClock Clock { get; } = new();

    public InstrumentSpec? Find(string? symbol) => string.IsNullOrEmpty(symbol) ? null : findInstrument(symbol);

    public InstrumentSpec Instrument(string symbol) =>
        findInstrument(symbol) ?? throw new InvalidOperationException($"The instrument {symbol} is no longer in the catalog.");

    public Quote? QuoteOf(string symbol) => Quotes.GetValueOrDefault(symbol);

    public string NextFillId() => $"F-{++lastFillNumber}";

    /// <summary>Moves the fill counter past a journaled fill's id.</summary>
    public void RestoreFillNumber(string fillId)
    {
        if (int.TryParse(fillId.AsSpan(2), out var number)) lastFillNumber = Math.Max(lastFillNumber, number);
    }

    public void Emit(BookEvent e) => events.Add(e);

    /// <summary>Stores the order's new state and reports it.</summary>
    public Order Save(Order order)
    {
        Orders.Put(order);
        Emit(new OrderChanged(order));
        return order;
    }

    public IReadOnlyList<BookEvent> TakeEvents()
    {
        // Most quotes change nothing: an empty answer costs no list.
        if (events.Count == 0) return [];
        var taken = events.ToList();
        events.Clear();
        return taken;
    }
}
