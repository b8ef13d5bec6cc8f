using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>A book with a clock and a quote sequence, so scenarios read as a script.</summary>
internal sealed class BookDriver(decimal initialBalance = 100_000m, TradingTerms? terms = null)
{
    /// <summary>Monday 2026-01-05 10:00 New York (EST), 09:00 Chicago: every market is open.</summary>
    public static readonly DateTimeOffset MondayMorning = DateTimeOffset.Parse("2026-01-05T15:00:00Z");

    private long sequence;

    public TradingBook Book { get; } = new("A-1", initialBalance, terms ?? TradingTerms.Default, Instruments.Find);

    public DateTimeOffset Now { get; set; } = MondayMorning;

    public IReadOnlyList<BookEvent> Quote(string symbol, decimal bid, decimal ask, decimal? bidSize = null, decimal? askSize = null, decimal? settlement = null)
    {
        Now = Now.AddSeconds(1);
        return Book.ApplyQuote(new Quote(symbol, bid, ask, bid, 1m, Now, ++sequence, settlement, bidSize, askSize));
    }

    public BookResult Submit(OrderRequest request) => Book.Submit(request, Now);

    public BookResult Market(string symbol, OrderSide side, decimal quantity) =>
        Submit(new OrderRequest(symbol, side, OrderType.Market, quantity, TimeInForce.Day));

    public AccountSnapshot Snapshot() => Book.Snapshot(Now);

    public Position Position(string symbol) => Book.Positions.Single(p => p.Symbol == symbol);

    public Order Order(string id) => Book.FindOrder(id) ?? throw new InvalidOperationException(id);
}
