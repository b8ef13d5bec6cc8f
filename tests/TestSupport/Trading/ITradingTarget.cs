using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

/// <summary>
/// Anything that trades one account the way docs/trading.md says: the reference oracle, the TradingBook, or the
/// position book grain behind Orleans. Asynchronous so that a grain or an HTTP API can stand behind it.
/// </summary>
public interface ITradingTarget
{
    Task<TradingOutcome> Submit(OrderRequest request, DateTimeOffset now);

    Task<TradingOutcome> Cancel(string orderId, DateTimeOffset now);

    Task<TradingOutcome> Replace(string orderId, ReplaceRequest change, DateTimeOffset now);

    Task<TradingOutcome> ClosePosition(string symbol, DateTimeOffset now);

    Task ApplyQuote(Quote quote);

    Task AdvanceTime(DateTimeOffset now);

    /// <summary>All orders, oldest first.</summary>
    Task<IReadOnlyList<Order>> Orders();

    /// <summary>All fills, oldest first.</summary>
    Task<IReadOnlyList<Fill>> Fills();

    /// <summary>Open positions by symbol.</summary>
    Task<IReadOnlyList<Position>> Positions();

    Task<AccountSnapshot> Snapshot(DateTimeOffset now);
}

/// <summary>The oracle as a target.</summary>
public sealed class ReferenceBrokerTarget(ReferenceBroker broker) : ITradingTarget
{
    public ReferenceBroker Broker => broker;

    public Task<TradingOutcome> Submit(OrderRequest request, DateTimeOffset now) => Task.FromResult(broker.Submit(request, now));

    public Task<TradingOutcome> Cancel(string orderId, DateTimeOffset now) => Task.FromResult(broker.Cancel(orderId, now));

    public Task<TradingOutcome> Replace(string orderId, ReplaceRequest change, DateTimeOffset now) =>
        Task.FromResult(broker.Replace(orderId, change, now));

    public Task<TradingOutcome> ClosePosition(string symbol, DateTimeOffset now) => Task.FromResult(broker.ClosePosition(symbol, now));

    public Task ApplyQuote(Quote quote)
    {
        broker.ApplyQuote(quote);
        return Task.CompletedTask;
    }

    public Task AdvanceTime(DateTimeOffset now)
    {
        broker.AdvanceTime(now);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Order>> Orders() => Task.FromResult(broker.Orders);

    public Task<IReadOnlyList<Fill>> Fills() => Task.FromResult(broker.Fills);

    public Task<IReadOnlyList<Position>> Positions() => Task.FromResult(broker.Positions);

    public Task<AccountSnapshot> Snapshot(DateTimeOffset now) => Task.FromResult(broker.Snapshot(now));
}
