using Crucible.Api.Alpaca;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>When done_for_day is due, and for which orders, without a host.</summary>
public sealed class DoneForDayTests
{
    // Wednesday 2 December 2026, 15:00 UTC = 10:00 in New York (EST, UTC−5): the equity session closes at 16:00 = 21:00 UTC.
    private static readonly DateTimeOffset Wednesday10am = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly TradingHours NewYork = new("America/New_York", new TimeOnly(9, 30), new TimeOnly(16, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
    private static readonly Dictionary<string, InstrumentSpec> Catalog = new()
    {
        ["AAPL"] = new("AAPL", "Apple", InstrumentKind.Equity, "USD", 0.01m, 1m, 1m, NewYork),
        ["BTC-USD"] = new("BTC-USD", "Bitcoin", InstrumentKind.Crypto, "USD", 0.01m, 0.0001m, 1m, null),
    };

    private static Order Order(string id, string symbol, TimeInForce tif, OrderStatus status) =>
        new(id, null, "a", symbol, OrderSide.Buy, OrderType.Limit, tif, OrderClass.Simple, 1m, 0m, null, 100m, null, null, null,
            null, false, status, null, null, [], null, null, Wednesday10am, Wednesday10am);

    [Fact]
    public void A_gtc_order_working_at_its_sessions_close_is_done_for_the_day_and_day_24_7_and_held_orders_are_not()
    {
        Order[] working =
        [
            Order("gtc", "AAPL", TimeInForce.Gtc, OrderStatus.Accepted),
            Order("partly", "AAPL", TimeInForce.Gtc, OrderStatus.PartiallyFilled),
            Order("day", "AAPL", TimeInForce.Day, OrderStatus.Accepted),        // expires at the close instead
            Order("crypto", "BTC-USD", TimeInForce.Gtc, OrderStatus.Accepted),  // 24/7: no close
            Order("held", "AAPL", TimeInForce.Gtc, OrderStatus.Held),           // a bracket leg not yet working
        ];

        var next = DoneForDay.Next(working, s => Catalog.GetValueOrDefault(s), Wednesday10am);

        Assert.NotNull(next);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 21, 0, 0, TimeSpan.Zero), next.Value.At);
        Assert.Equal(["gtc", "partly"], next.Value.Orders.Select(o => o.Id));
    }

    [Fact]
    public void After_the_close_the_next_is_the_following_sessions_and_Friday_closes_before_Monday()
    {
        Order[] working = [Order("gtc", "AAPL", TimeInForce.Gtc, OrderStatus.Accepted)];

        // Friday 4 December 22:00 UTC (17:00 New York, after the close): next is Monday 7 December 16:00 = 21:00 UTC.
        var next = DoneForDay.Next(working, s => Catalog.GetValueOrDefault(s), new DateTimeOffset(2026, 12, 4, 22, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 21, 0, 0, TimeSpan.Zero), next!.Value.At);
        Assert.Null(DoneForDay.Next([Order("crypto", "BTC-USD", TimeInForce.Gtc, OrderStatus.Accepted)], s => Catalog.GetValueOrDefault(s), Wednesday10am));
    }
}
