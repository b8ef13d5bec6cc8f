using System.Text.Json.Nodes;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Trading;

/// <summary>
/// Turns a JSON body into an <see cref="OrderRequest"/> or a list of field errors. Only the shape is checked
/// here (types, enum spellings, unknown fields); the trading rules (grids, field combinations) are the book's,
/// so the grain API and REST refuse exactly the same orders.
/// </summary>
public static class OrderRequestReader
{
    public static (OrderRequest? Request, Dictionary<string, string[]> Errors) Read(JsonObject body)
    {
        var fields = new FieldReader(body);
        var symbol = fields.String("symbol", 64);
        var side = fields.Enum<OrderSide>("side");
        var type = fields.Enum<OrderType>("type");
        var quantity = fields.Decimal("quantity");
        var timeInForce = fields.Has("timeInForce") ? fields.Enum<TimeInForce>("timeInForce") : TimeInForce.Day;
        var limitPrice = fields.Decimal("limitPrice");
        var stopPrice = fields.Decimal("stopPrice");
        var trailAmount = fields.Decimal("trailAmount");
        var trailPercent = fields.Decimal("trailPercent");
        var clientOrderId = fields.String("clientOrderId", 256);
        var orderClass = fields.Has("orderClass") ? fields.Enum<OrderClass>("orderClass") : OrderClass.Simple;

        TakeProfitLeg? takeProfit = null;
        if (fields.Object("takeProfit") is { } tpBody)
        {
            var tp = new FieldReader(tpBody, "takeProfit.");
            var price = tp.Decimal("limitPrice");
            if (!tp.Has("limitPrice")) tp.Error("limitPrice", "is required.");
            tp.RejectUnknownFields();
            fields.Merge(tp);
            if (price is { } p) takeProfit = new TakeProfitLeg(p);
        }
        StopLossLeg? stopLoss = null;
        if (fields.Object("stopLoss") is { } slBody)
        {
            var sl = new FieldReader(slBody, "stopLoss.");
            var stop = sl.Decimal("stopPrice");
            var limit = sl.Decimal("limitPrice");
            if (!sl.Has("stopPrice")) sl.Error("stopPrice", "is required.");
            sl.RejectUnknownFields();
            fields.Merge(sl);
            if (stop is { } s) stopLoss = new StopLossLeg(s, limit);
        }

        foreach (var (name, value) in new (string, object?)[] { ("symbol", symbol), ("side", side), ("type", type), ("quantity", quantity) })
            if (value is null && !fields.Errors.ContainsKey(name))
                fields.Error(name, "is required.");
        fields.RejectUnknownFields();

        if (fields.Errors.Count > 0)
            return (null, fields.Errors);
        return (new OrderRequest(symbol!, side!.Value, type!.Value, quantity!.Value, timeInForce!.Value,
            limitPrice, stopPrice, trailAmount, trailPercent, clientOrderId, orderClass!.Value, takeProfit, stopLoss), fields.Errors);
    }

    public static (ReplaceRequest? Request, Dictionary<string, string[]> Errors) ReadReplace(JsonObject body)
    {
        var fields = new FieldReader(body);
        var request = new ReplaceRequest(
            fields.Decimal("quantity"),
            fields.Decimal("limitPrice"),
            fields.Decimal("stopPrice"),
            fields.Decimal("trailAmount"),
            fields.Decimal("trailPercent"),
            fields.Has("timeInForce") ? fields.Enum<TimeInForce>("timeInForce") : null);
        fields.RejectUnknownFields();
        if (fields.Errors.Count == 0 && request == new ReplaceRequest())
            fields.Error("body", "name at least one of quantity, limitPrice, stopPrice, trailAmount, trailPercent, timeInForce.");
        return fields.Errors.Count > 0 ? (null, fields.Errors) : (request, fields.Errors);
    }
}
