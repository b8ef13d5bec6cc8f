using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Ledger;

namespace Crucible.TestSupport.Ledger;

/// <summary>Ledger entries for tests: orders, fills and a scripted account whose numbers the tests compute by hand.</summary>
public static class LedgerSamples
{
    /// <summary>Whole seconds: the ledger keeps microseconds, so these round-trip exactly.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 14, 30, 0, TimeSpan.Zero);

    public static Fill Fill(
        string id, string orderId, string symbol, OrderSide side, decimal quantity, decimal price,
        decimal commission = 0m, decimal realized = 0m, int second = 0, long quoteSequence = 1) =>
        new(id, orderId, symbol, side, quantity, price, commission, realized, T0.AddSeconds(second), quoteSequence);

    public static Order Order(
        string accountId, string id, string symbol, OrderSide side, OrderType type, decimal quantity, OrderStatus status,
        decimal filled = 0m, decimal? limit = null, decimal? stop = null, int second = 0, int updatedSecond = 0, decimal? averageFill = null) =>
        new(id, null, accountId, symbol, side, type, TimeInForce.Gtc, OrderClass.Simple, quantity, filled,
            averageFill, limit, stop, null, null, null, false, status, null, null, [], null, null,
            T0.AddSeconds(second), T0.AddSeconds(Math.Max(second, updatedSecond)),
            FilledAt: status == OrderStatus.Filled ? T0.AddSeconds(updatedSecond) : null,
            CanceledAt: status == OrderStatus.Canceled ? T0.AddSeconds(updatedSecond) : null);

    /// <summary>
    /// Account "scripted", opened with 10,000:
    /// AAPL buy 10 @ 100 (commission 0.05), buy 10 @ 110 (0.05) → long 20 @ 105;
    /// sell 5 @ 120 (0.03) realizes (120 − 105) × 5 = 75 → long 15 @ 105;
    /// sell 20 @ 100 (0.10) closes 15 realizing (100 − 105) × 15 = −75 and flips to short 5 @ 100;
    /// BTC buy 0.5 @ 40,000 (20.00) → long 0.5 @ 40,000;
    /// PRED buy 100 @ 0.40 (no commission), settled at 1 → realizes (1 − 0.40) × 100 = 60, position gone.
    /// Orders: O-5 (limit buy BTC @ 39,000) still accepted; O-6 (stop sell BTC @ 35,000) accepted, then canceled.
    /// </summary>
    public static IReadOnlyList<LedgerEntry> ScriptedAccount(string accountId = "scripted") =>
    [
        new AccountOpened(accountId, 10_000m, T0),
        new OrderRecorded(Order(accountId, "O-1", "AAPL", OrderSide.Buy, OrderType.Market, 10m, OrderStatus.Accepted, second: 1), 1),
        new OrderRecorded(Order(accountId, "O-1", "AAPL", OrderSide.Buy, OrderType.Market, 10m, OrderStatus.Filled, 10m, averageFill: 100m, second: 1, updatedSecond: 1), 2),
        new FillRecorded(accountId, Fill("F-1", "O-1", "AAPL", OrderSide.Buy, 10m, 100m, 0.05m, second: 1)),
        new OrderRecorded(Order(accountId, "O-2", "AAPL", OrderSide.Buy, OrderType.Market, 10m, OrderStatus.Filled, 10m, averageFill: 110m, second: 2, updatedSecond: 2), 1),
        new FillRecorded(accountId, Fill("F-2", "O-2", "AAPL", OrderSide.Buy, 10m, 110m, 0.05m, second: 2)),
        new OrderRecorded(Order(accountId, "O-3", "AAPL", OrderSide.Sell, OrderType.Market, 5m, OrderStatus.Filled, 5m, averageFill: 120m, second: 3, updatedSecond: 3), 1),
        new FillRecorded(accountId, Fill("F-3", "O-3", "AAPL", OrderSide.Sell, 5m, 120m, 0.03m, 75m, second: 3)),
        new OrderRecorded(Order(accountId, "O-4", "AAPL", OrderSide.Sell, OrderType.Market, 20m, OrderStatus.Filled, 20m, averageFill: 100m, second: 4, updatedSecond: 4), 1),
        new FillRecorded(accountId, Fill("F-4", "O-4", "AAPL", OrderSide.Sell, 20m, 100m, 0.10m, -75m, second: 4)),
        new OrderRecorded(Order(accountId, "O-5", "BTC-USD", OrderSide.Buy, OrderType.Limit, 1m, OrderStatus.Accepted, limit: 39_000m, second: 5), 1),
        new OrderRecorded(Order(accountId, "O-6", "BTC-USD", OrderSide.Sell, OrderType.Stop, 0.5m, OrderStatus.Accepted, stop: 35_000m, second: 6), 1),
        new OrderRecorded(Order(accountId, "O-7", "BTC-USD", OrderSide.Buy, OrderType.Market, 0.5m, OrderStatus.Filled, 0.5m, averageFill: 40_000m, second: 7, updatedSecond: 7), 1),
        new FillRecorded(accountId, Fill("F-5", "O-7", "BTC-USD", OrderSide.Buy, 0.5m, 40_000m, 20.00m, second: 7)),
        new OrderRecorded(Order(accountId, "O-6", "BTC-USD", OrderSide.Sell, OrderType.Stop, 0.5m, OrderStatus.Canceled, stop: 35_000m, second: 6, updatedSecond: 8), 2),
        new OrderRecorded(Order(accountId, "O-8", "PRED-X", OrderSide.Buy, OrderType.Market, 100m, OrderStatus.Filled, 100m, averageFill: 0.40m, second: 9, updatedSecond: 9), 1),
        new FillRecorded(accountId, Fill("F-6", "O-8", "PRED-X", OrderSide.Buy, 100m, 0.40m, 0m, second: 9)),
        new PositionSettled(accountId, "PRED-X", 100m, 1m, 60m, T0.AddSeconds(10), 42),
    ];
}
