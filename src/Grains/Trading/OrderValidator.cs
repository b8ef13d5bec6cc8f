using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Simulation;
using static Crucible.Grains.Interfaces.Trading.OrderErrorCode;

namespace Crucible.Grains.Trading;

/// <summary>
/// Checks a request before anything is recorded, in the order docs/trading.md lists ("Validation order"), and
/// names the first field at fault in the request's camelCase.
/// </summary>
internal static class OrderValidator
{
    public static OrderError? Validate(OrderRequest r, InstrumentSpec? spec)
    {
        if (r.ClientOrderId is { } id && !IsValidClientOrderId(id)) return Error(InvalidClientOrderId, "clientOrderId");
        if (spec is null) return Error(UnknownSymbol, "symbol");
        if (!Enum.IsDefined(r.Side)) return Error(FieldNotAllowed, "side");
        if (!Enum.IsDefined(r.Type)) return Error(FieldNotAllowed, "type");
        if (!Enum.IsDefined(r.TimeInForce)) return Error(TimeInForceNotAllowed, "timeInForce");
        if (!Enum.IsDefined(r.Class)) return Error(InvalidBracket, "orderClass");
        if (r.Quantity <= 0m) return Error(InvalidQuantity, "quantity");
        if (!PriceGrid.IsOnGrid(r.Quantity, spec.LotSize)) return Error(QuantityOffLotGrid, "quantity");
        if (r.Notional is <= 0m) return Error(InvalidQuantity, "notional");
        return Fields(r) ?? Values(r, spec) ?? TimeInForceFits(r, spec) ?? Legs(r, spec);
    }

    /// <summary>1 to 64 printable ASCII characters (0x20 to 0x7E).</summary>
    public static bool IsValidClientOrderId(string id) => id.Length is >= 1 and <= 64 && id.All(c => c is >= ' ' and <= '~');

    private static OrderError? Fields(OrderRequest r)
    {
        // An OCO's limit price is its take-profit's, so the request's own limit price is optional there.
        var needsLimit = r.Type is OrderType.Limit or OrderType.StopLimit && r.Class != OrderClass.Oco;
        var takesLimit = r.Type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = r.Type is OrderType.Stop or OrderType.StopLimit;
        if (needsLimit && r.LimitPrice is null) return Error(MissingField, "limitPrice");
        if (!takesLimit && r.LimitPrice is not null) return Error(FieldNotAllowed, "limitPrice");
        if (needsStop && r.StopPrice is null) return Error(MissingField, "stopPrice");
        if (!needsStop && r.StopPrice is not null) return Error(FieldNotAllowed, "stopPrice");
        if (r.Type == OrderType.TrailingStop)
        {
            if (r.TrailAmount is null && r.TrailPercent is null) return Error(MissingField, "trailAmount");
            if (r.TrailAmount is not null && r.TrailPercent is not null) return Error(FieldNotAllowed, "trailPercent");
            return null;
        }

        if (r.TrailAmount is not null) return Error(FieldNotAllowed, "trailAmount");
        if (r.TrailPercent is not null) return Error(FieldNotAllowed, "trailPercent");
        return null;
    }

    private static OrderError? Values(OrderRequest r, InstrumentSpec spec)
    {
        if (r.LimitPrice is { } limit && Price(limit, spec, "limitPrice") is { } e1) return e1;
        if (r.StopPrice is { } stop && Price(stop, spec, "stopPrice") is { } e2) return e2;
        if (r.TrailAmount is { } amount)
        {
            if (amount <= 0m) return Error(InvalidPrice, "trailAmount");
            if (!PriceGrid.IsOnGrid(amount, spec.TickSize)) return Error(PriceOffTickGrid, "trailAmount");
        }

        if (r.TrailPercent is { } percent && percent is <= 0m or >= 100m) return Error(InvalidPrice, "trailPercent");
        return null;
    }

    /// <summary>ioc and fok are for simple market and limit orders; so are opg and cls, on instruments with trading hours.</summary>
    private static OrderError? TimeInForceFits(OrderRequest r, InstrumentSpec spec)
    {
        var immediate = r.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
        var allowsImmediate = r.Type is OrderType.Market or OrderType.Limit && r.Class == OrderClass.Simple;
        return immediate && !allowsImmediate ? Error(TimeInForceNotAllowed, "timeInForce") : AuctionOrders.Validate(r, spec);
    }

    private static OrderError? Legs(OrderRequest r, InstrumentSpec spec)
    {
        if (r.Class == OrderClass.Simple)
            return r.TakeProfit is null && r.StopLoss is null ? null : Error(InvalidBracket, "orderClass");

        var typeFits = r.Class is OrderClass.Bracket or OrderClass.Oto ? r.Type is OrderType.Market or OrderType.Limit : r.Type == OrderType.Limit;
        if (!typeFits) return Error(InvalidBracket, "type");
        if (r.Class == OrderClass.Oto) return OtoLeg(r, spec);
        if (r.TakeProfit is null) return Error(MissingField, "takeProfit.limitPrice");
        if (r.StopLoss is null) return Error(MissingField, "stopLoss.stopPrice");
        if (Price(r.TakeProfit.LimitPrice, spec, "takeProfit.limitPrice") is { } e1) return e1;
        if (Price(r.StopLoss.StopPrice, spec, "stopLoss.stopPrice") is { } e2) return e2;
        if (r.StopLoss.LimitPrice is { } slLimit && Price(slLimit, spec, "stopLoss.limitPrice") is { } e3) return e3;

        if (r.Class == OrderClass.Oco && r.LimitPrice is { } limit && limit != r.TakeProfit.LimitPrice)
            return Error(InvalidBracket, "limitPrice");

        // The take-profit lies on the profitable side of the stop for the position the exits protect: above it
        // when the exits sell (a buy bracket's legs, a sell OCO), below it when they buy.
        var exitsSell = r.Class == OrderClass.Bracket ? r.Side == OrderSide.Buy : r.Side == OrderSide.Sell;
        var ordered = exitsSell
            ? r.TakeProfit.LimitPrice > r.StopLoss.StopPrice
            : r.TakeProfit.LimitPrice < r.StopLoss.StopPrice;
        return ordered ? null : Error(InvalidBracket, "takeProfit.limitPrice");
    }

    /// <summary>An OTO has exactly one leg: a take-profit or a stop-loss (both make a bracket).</summary>
    private static OrderError? OtoLeg(OrderRequest r, InstrumentSpec spec) => (r.TakeProfit, r.StopLoss) switch
    {
        (null, null) => Error(MissingField, "takeProfit.limitPrice"),
        ({ }, { }) => Error(InvalidBracket, "orderClass"),
        ({ } tp, null) => Price(tp.LimitPrice, spec, "takeProfit.limitPrice"),
        (null, { } sl) => Price(sl.StopPrice, spec, "stopLoss.stopPrice")
            ?? (sl.LimitPrice is { } slLimit ? Price(slLimit, spec, "stopLoss.limitPrice") : null),
    };

    private static OrderError? Price(decimal price, InstrumentSpec spec, string field)
    {
        if (price <= 0m || (spec.Kind == InstrumentKind.Prediction && price >= 1m)) return Error(InvalidPrice, field);
        return PriceGrid.IsOnGrid(price, spec.TickSize) ? null : Error(PriceOffTickGrid, field);
    }

    private static OrderError Error(OrderErrorCode code, string field) => new(code, field, OrderErrors.Describe(code));
}
