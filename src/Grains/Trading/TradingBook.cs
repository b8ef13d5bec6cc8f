using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// One account's orders, fills, positions and cash, exactly as docs/trading.md specifies. Plain and
/// single-threaded: the position book grain calls it one message at a time. Ids are sequential per book
/// ("O-1", "F-1", ...), so the same inputs always produce the same book.
/// </summary>
public sealed class TradingBook
{
    public TradingBook(string accountId, decimal initialBalance, TradingTerms terms, Func<string, InstrumentSpec?> findInstrument)
    {
        throw new NotImplementedException();
    }

    public string AccountId => throw new NotImplementedException();

    public TradingTerms Terms => throw new NotImplementedException();

    /// <summary>All orders, oldest first.</summary>
    public IReadOnlyList<Order> Orders => throw new NotImplementedException();

    /// <summary>All fills, oldest first.</summary>
    public IReadOnlyList<Fill> Fills => throw new NotImplementedException();

    /// <summary>Open positions, marked to the latest quotes, by symbol.</summary>
    public IReadOnlyList<Position> Positions => throw new NotImplementedException();

    /// <summary>The latest quote the book has applied per symbol.</summary>
    public IReadOnlyDictionary<string, Quote> Quotes => throw new NotImplementedException();

    /// <summary>Symbols the book needs quotes for: open positions and working orders.</summary>
    public IReadOnlyCollection<string> WatchedSymbols => throw new NotImplementedException();

    public AccountSnapshot Snapshot(DateTimeOffset now) => throw new NotImplementedException();

    public Order? FindOrder(string orderId) => throw new NotImplementedException();

    /// <summary>Validates and places an order, filling it at once when it is marketable against the latest quote.</summary>
    public BookResult Submit(OrderRequest request, DateTimeOffset now) => throw new NotImplementedException();

    public BookResult Cancel(string orderId, DateTimeOffset now) => throw new NotImplementedException();

    public BookResult Replace(string orderId, ReplaceRequest request, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Closes the whole position in a symbol with a market order.</summary>
    public BookResult ClosePosition(string symbol, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>
    /// Applies a quote: ignored unless newer (by sequence) than the book's quote for that symbol; marks
    /// positions, moves trailing stops, triggers and fills resting orders, settles prediction contracts,
    /// and expires day orders that are due. Returns what changed.
    /// </summary>
    public IReadOnlyList<BookEvent> ApplyQuote(Quote quote) => throw new NotImplementedException();

    /// <summary>Expires day orders whose session has closed by <paramref name="now"/>.</summary>
    public IReadOnlyList<BookEvent> AdvanceTime(DateTimeOffset now) => throw new NotImplementedException();
}
