using Crucible.Api.Alpaca;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Tests.Alpaca;

/// <summary>The account events → trade_updates translation, without a host.</summary>
public sealed class TradeUpdateTranslatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 15, 0, 0, TimeSpan.Zero);

    private static Order Order(string id, OrderStatus status, decimal filled = 0m, decimal? average = null) =>
        new(id, null, "a", "ES", OrderSide.Buy, OrderType.Market, TimeInForce.Day, OrderClass.Simple, 2m, filled, average, null, null, null, null,
            null, false, status, null, null, [], null, null, T0, T0);

    private static Fill Fill(string id, string orderId, decimal quantity, decimal price) =>
        new(id, orderId, "ES", OrderSide.Buy, quantity, price, 0m, 0m, T0.AddSeconds(1), 7);

    [Fact]
    public void A_fill_published_before_its_order_is_sent_once_with_the_position_after_it()
    {
        var translator = new TradeUpdateTranslator([new Position("ES", 1m, 4000m, 50m, 4000m, 0m, 200_000m, 0m)], []);

        var announced = translator.Translate(new OrderUpdated("a", 1, T0, Order("o1", OrderStatus.Accepted)));
        var early = translator.Translate(new FillReported("a", 2, T0, Fill("f1", "o1", 2m, 4001m)));
        var position = translator.Translate(new PositionUpdated("a", 3, T0, new Position("ES", 3m, 4000.67m, 50m, 4001m, 0m, 600_150m, 0m)));
        var filled = translator.Translate(new OrderUpdated("a", 4, T0, Order("o1", OrderStatus.Filled, 2m, 4001m)));

        Assert.Equal("new", Assert.Single(announced).Event);
        Assert.Empty(early);
        Assert.Empty(position);
        var fill = Assert.Single(filled);
        Assert.Equal(("fill", "f1", 4001m, 2m, 3m), (fill.Event, fill.ExecutionId, fill.Fill!.Price, fill.Fill.Quantity, fill.PositionQty!.Value));
    }

    [Fact]
    public void An_order_published_before_its_fill_waits_for_it_and_a_partial_fill_is_partial()
    {
        var translator = new TradeUpdateTranslator([], []);

        var partial = translator.Translate(new OrderUpdated("a", 1, T0, Order("o1", OrderStatus.PartiallyFilled, 1m, 4001m)));
        var fill = translator.Translate(new FillReported("a", 2, T0, Fill("f1", "o1", 1m, 4001m)));

        Assert.Equal(["new"], partial.Select(u => u.Event));
        var update = Assert.Single(fill);
        Assert.Equal(("partial_fill", 1m), (update.Event, update.PositionQty!.Value));
    }

    [Fact]
    public void Working_orders_at_the_start_are_not_announced_again_and_each_end_is_sent_once()
    {
        var translator = new TradeUpdateTranslator([], [Order("o1", OrderStatus.Accepted)]);

        var trailed = translator.Translate(new OrderUpdated("a", 1, T0, Order("o1", OrderStatus.Accepted)));
        var canceled = translator.Translate(new OrderUpdated("a", 2, T0, Order("o1", OrderStatus.Canceled)));
        var again = translator.Translate(new OrderUpdated("a", 3, T0, Order("o1", OrderStatus.Canceled)));
        var expired = translator.Translate(new OrderUpdated("a", 4, T0, Order("o2", OrderStatus.Expired)));

        Assert.Empty(trailed);
        Assert.Equal(["canceled"], canceled.Select(u => u.Event));
        Assert.Empty(again);
        Assert.Equal(["expired"], expired.Select(u => u.Event));
    }
}
