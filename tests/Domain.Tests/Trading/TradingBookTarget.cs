using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Domain.Tests.Trading;

/// <summary>The engine as a target, so the same scenario drives it and the reference oracle.</summary>
internal sealed class TradingBookTarget(TradingBook book) : ITradingTarget
{
    public Task<TradingOutcome> Submit(OrderRequest request, DateTimeOffset now) => Task.FromResult(Outcome(book.Submit(request, now)));

    public Task<TradingOutcome> Cancel(string orderId, DateTimeOffset now) => Task.FromResult(Outcome(book.Cancel(orderId, now)));

    public Task<TradingOutcome> Replace(string orderId, ReplaceRequest change, DateTimeOffset now) =>
        Task.FromResult(Outcome(book.Replace(orderId, change, now)));

    public Task<TradingOutcome> ClosePosition(string symbol, DateTimeOffset now) => Task.FromResult(Outcome(book.ClosePosition(symbol, now)));

    public Task ApplyQuote(Quote quote)
    {
        book.ApplyQuote(quote);
        return Task.CompletedTask;
    }

    public Task AdvanceTime(DateTimeOffset now)
    {
        book.AdvanceTime(now);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Order>> Orders() => Task.FromResult(book.Orders);

    public Task<IReadOnlyList<Fill>> Fills() => Task.FromResult(book.Fills);

    public Task<IReadOnlyList<Position>> Positions() => Task.FromResult(book.Positions);

    public Task<AccountSnapshot> Snapshot(DateTimeOffset now) => Task.FromResult(book.Snapshot(now));

    private static TradingOutcome Outcome(BookResult result) =>
        new(result.Order, result.Error?.Code, result.Error?.Field, result.Duplicate);
}
