using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>Turns a valid request into order records: one simple order, a bracket entry and its legs, or an OCO pair.</summary>
internal static class OrderFactory
{
    public static Order Primary(string id, string accountId, OrderRequest r, DateTimeOffset now) => new(
        id, r.ClientOrderId, accountId, r.Symbol, r.Side,
        r.Class == OrderClass.Oco ? OrderType.Limit : r.Type,
        r.TimeInForce, r.Class, r.Quantity, 0m, null,
        r.Class == OrderClass.Oco ? r.TakeProfit!.LimitPrice : r.LimitPrice,
        r.StopPrice, r.TrailAmount, r.TrailPercent, null, false, OrderStatus.New, null,
        null, [], null, null, now, now, Notional: r.Notional);

    public static Order Rejected(Order o, OrderErrorCode reason, DateTimeOffset now) =>
        o with { Status = OrderStatus.Rejected, RejectReason = reason, RejectedAt = now, UpdatedAt = now };

    /// <summary>A bracket's take-profit limit and stop-loss, on the opposite side, held until the entry fills.</summary>
    public static (Order TakeProfit, Order StopLoss) BracketLegs(Order entry, string tpId, string slId, OrderRequest r)
    {
        var side = entry.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var takeProfit = Leg(entry, tpId, side, OrderType.Limit, r.TakeProfit!.LimitPrice, null) with { ParentId = entry.Id };
        var stopLoss = StopLoss(entry, slId, side, r.StopLoss!) with { ParentId = entry.Id };
        return (takeProfit, stopLoss);
    }

    /// <summary>An OTO's one leg (its take-profit or its stop-loss), on the opposite side, held until the entry fills.</summary>
    public static Order OtoLeg(Order entry, string id, OrderRequest r)
    {
        var side = entry.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var leg = r.TakeProfit is { } tp ? Leg(entry, id, side, OrderType.Limit, tp.LimitPrice, null) : StopLoss(entry, id, side, r.StopLoss!);
        return leg with { ParentId = entry.Id };
    }

    /// <summary>An OCO's stop-loss leg, on the same side as its take-profit limit, which is its parent.</summary>
    public static Order OcoStopLoss(Order takeProfit, string slId, OrderRequest r) =>
        StopLoss(takeProfit, slId, takeProfit.Side, r.StopLoss!) with { ParentId = takeProfit.Id };

    private static Order StopLoss(Order source, string id, OrderSide side, StopLossLeg leg) =>
        Leg(source, id, side, leg.LimitPrice is null ? OrderType.Stop : OrderType.StopLimit, leg.LimitPrice, leg.StopPrice);

    private static Order Leg(Order source, string id, OrderSide side, OrderType type, decimal? limit, decimal? stop) =>
        source with
        {
            Id = id, ClientOrderId = null, Side = side, Type = type, LimitPrice = limit, StopPrice = stop,
            TrailAmount = null, TrailPercent = null, LegIds = [], Status = OrderStatus.New, Notional = null,
        };
}
