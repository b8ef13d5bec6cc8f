using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.TestSupport.Trading;

namespace Crucible.Grains.Tests.Trading;

/// <summary>The position book grain, reached through Orleans, as a trading target; commands run at the scenario's time.</summary>
public sealed class PositionBookGrainTarget(IPositionBookGrain book, TradingClusterFixture fixture) : ITradingTarget
{
    public async Task<TradingOutcome> Submit(OrderRequest request, DateTimeOffset now)
    {
        fixture.MoveClockTo(now);
        return Outcome(await book.SubmitOrderAsync(request));
    }

    public async Task<TradingOutcome> Cancel(string orderId, DateTimeOffset now)
    {
        fixture.MoveClockTo(now);
        return Outcome(await book.CancelOrderAsync(orderId));
    }

    public async Task<TradingOutcome> Replace(string orderId, ReplaceRequest change, DateTimeOffset now)
    {
        fixture.MoveClockTo(now);
        return Outcome(await book.ReplaceOrderAsync(orderId, change));
    }

    public async Task<TradingOutcome> ClosePosition(string symbol, DateTimeOffset now)
    {
        fixture.MoveClockTo(now);
        return Outcome(await book.ClosePositionAsync(symbol));
    }

    public Task ApplyQuote(Quote quote)
    {
        fixture.MoveClockTo(quote.Time);
        return book.ApplyQuoteAsync(quote);
    }

    public Task AdvanceTime(DateTimeOffset now)
    {
        fixture.MoveClockTo(now);
        return book.ExpireDueOrdersAsync();
    }

    public async Task<IReadOnlyList<Order>> Orders() => [.. (await book.GetOrdersAsync(OrderStatusFilter.All)).Reverse()];

    public Task<IReadOnlyList<Fill>> Fills() => book.GetFillsAsync();

    public Task<IReadOnlyList<Position>> Positions() => book.GetPositionsAsync();

    public async Task<AccountSnapshot> Snapshot(DateTimeOffset now)
    {
        fixture.MoveClockTo(now);
        return (await book.GetAccountAsync())!;
    }

    private static TradingOutcome Outcome(OrderCommandResult result) =>
        new(result.Order, result.Error?.Code, result.Error?.Field, result.Duplicate);
}
