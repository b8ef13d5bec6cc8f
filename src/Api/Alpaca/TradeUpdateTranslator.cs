using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>One <c>trade_updates</c> event before it takes Alpaca's JSON shape; a fill carries its execution.</summary>
public sealed record TradeUpdate(string Event, Order Order, DateTimeOffset Timestamp, string ExecutionId, Fill? Fill = null, decimal? PositionQty = null);

/// <summary>
/// Turns one account's event stream into Alpaca's <c>trade_updates</c> events. The book publishes a fill, then the
/// position, then the order as the fill left it; Alpaca sends one <c>fill</c>/<c>partial_fill</c> event with the execution,
/// the position after it and the order, so the fill is held until its order arrives (either order of arrival works).
/// An order's first sighting is <c>new</c>; its end (canceled, expired, rejected, replaced) is sent once. Pure: one per
/// connection, fed in stream order.
/// </summary>
public sealed class TradeUpdateTranslator
{
    private readonly Dictionary<string, decimal> positionQty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Fill> pendingFills = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Order> awaitingFill = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderStatus> announced = new(StringComparer.Ordinal);

    /// <summary>Starts from the account's positions and open orders, so orders already working are not announced again.</summary>
    public TradeUpdateTranslator(IEnumerable<Position> positions, IEnumerable<Order> openOrders)
    {
        foreach (var p in positions) positionQty[p.Symbol] = p.Quantity;
        foreach (var o in openOrders) announced[o.Id] = o.Status;
    }

    public IReadOnlyList<TradeUpdate> Translate(AccountEvent e)
    {
        switch (e)
        {
            case PositionUpdated p:
                positionQty[p.Position.Symbol] = p.Position.Quantity;
                return [];
            case FillReported f when awaitingFill.Remove(f.Fill.OrderId, out var order):
                var after = positionQty.GetValueOrDefault(f.Fill.Symbol) + (f.Fill.Side == OrderSide.Buy ? f.Fill.Quantity : -f.Fill.Quantity);
                return [FillUpdate(order, f.Fill, after)];
            case FillReported f:
                pendingFills[f.Fill.OrderId] = f.Fill;
                return [];
            case OrderUpdated u:
                return OnOrder(u.Order, u.Time, u.Sequence);
            default:
                return [];
        }
    }

    private List<TradeUpdate> OnOrder(Order order, DateTimeOffset time, long sequence)
    {
        var updates = new List<TradeUpdate>();
        var seen = announced.TryGetValue(order.Id, out var previous);
        if (!seen && order.Status is OrderStatus.New or OrderStatus.Accepted or OrderStatus.Held or OrderStatus.PartiallyFilled or OrderStatus.Filled)
            updates.Add(new TradeUpdate("new", order with { Status = order.Status is OrderStatus.Held ? OrderStatus.Held : OrderStatus.New },
                order.CreatedAt, $"{order.Id}-new"));
        announced[order.Id] = order.Status;

        if (order.Status is OrderStatus.PartiallyFilled or OrderStatus.Filled && order.FilledQuantity > 0)
        {
            if (pendingFills.Remove(order.Id, out var fill))
                updates.Add(FillUpdate(order, fill, positionQty.GetValueOrDefault(fill.Symbol)));
            else
                awaitingFill[order.Id] = order;
            return updates;
        }
        if (seen && previous == order.Status) return updates;
        var name = order.Status switch
        {
            OrderStatus.Canceled => "canceled",
            OrderStatus.Expired => "expired",
            OrderStatus.Rejected => "rejected",
            OrderStatus.Replaced => "replaced",
            _ => null,
        };
        if (name is not null)
            updates.Add(new TradeUpdate(name, order, time, $"{order.Id}-{sequence}"));
        return updates;
    }

    private static TradeUpdate FillUpdate(Order order, Fill fill, decimal positionAfter) =>
        new(order.Status == OrderStatus.Filled ? "fill" : "partial_fill", order, fill.Time, fill.Id, fill, positionAfter);
}
