using Crucible.Grains.Interfaces.Trading;
using static Crucible.Grains.Interfaces.Trading.OrderErrorCode;
using static Crucible.Grains.Interfaces.Trading.OrderSide;
using static Crucible.Grains.Interfaces.Trading.OrderType;

namespace Crucible.Domain.Tests.Trading;

public sealed class ValidationTests
{
    private static OrderRequest Limit(decimal? limit = 99.00m) => new("AAPL", Buy, OrderType.Limit, 10m, TimeInForce.Gtc, LimitPrice: limit);

    private static OrderRequest Bracket(decimal takeProfit, decimal stop, decimal? stopLimit = null) =>
        new("AAPL", Buy, Market, 10m, TimeInForce.Day, Class: OrderClass.Bracket,
            TakeProfit: new TakeProfitLeg(takeProfit), StopLoss: new StopLossLeg(stop, stopLimit));

    public static TheoryData<string, OrderRequest, OrderErrorCode, string> Refusals => new()
    {
        { "zero quantity", Limit() with { Quantity = 0m }, InvalidQuantity, "quantity" },
        { "negative quantity", Limit() with { Quantity = -5m }, InvalidQuantity, "quantity" },
        { "fractional shares", Limit() with { Quantity = 1.5m }, QuantityOffLotGrid, "quantity" },
        { "crypto below a lot", Limit(50_000m) with { Symbol = "BTC", Quantity = 0.00005m }, QuantityOffLotGrid, "quantity" },
        { "limit without limit price", Limit(null), MissingField, "limitPrice" },
        { "market with limit price", Limit() with { Type = Market }, FieldNotAllowed, "limitPrice" },
        { "negative limit price", Limit(-1m), InvalidPrice, "limitPrice" },
        { "limit price off tick", Limit(99.005m), PriceOffTickGrid, "limitPrice" },
        { "prediction price of 1", Limit(1.00m) with { Symbol = "ELECT" }, InvalidPrice, "limitPrice" },
        { "stop without stop price", Limit(null) with { Type = Stop }, MissingField, "stopPrice" },
        { "limit with stop price", Limit() with { StopPrice = 98m }, FieldNotAllowed, "stopPrice" },
        { "stop price off tick", Limit(null) with { Type = Stop, StopPrice = 98.001m }, PriceOffTickGrid, "stopPrice" },
        { "trailing without trail", Limit(null) with { Type = TrailingStop }, MissingField, "trailAmount" },
        { "trailing with both trails", Limit(null) with { Type = TrailingStop, TrailAmount = 1m, TrailPercent = 1m }, FieldNotAllowed, "trailPercent" },
        { "zero trail amount", Limit(null) with { Type = TrailingStop, TrailAmount = 0m }, InvalidPrice, "trailAmount" },
        { "trail amount off tick", Limit(null) with { Type = TrailingStop, TrailAmount = 0.005m }, PriceOffTickGrid, "trailAmount" },
        { "trail percent of 100", Limit(null) with { Type = TrailingStop, TrailPercent = 100m }, InvalidPrice, "trailPercent" },
        { "limit with trail amount", Limit() with { TrailAmount = 1m }, FieldNotAllowed, "trailAmount" },
        { "unknown symbol", Limit() with { Symbol = "NOPE" }, UnknownSymbol, "symbol" },
        { "stop ioc", Limit(null) with { Type = Stop, StopPrice = 101m, TimeInForce = TimeInForce.Ioc }, TimeInForceNotAllowed, "timeInForce" },
        { "client order id too long", Limit() with { ClientOrderId = new string('x', 65) }, InvalidClientOrderId, "clientOrderId" },
        { "client order id with a newline", Limit() with { ClientOrderId = "a\nb" }, InvalidClientOrderId, "clientOrderId" },
        { "bracket take-profit below stop", Bracket(94m, 95m), InvalidBracket, "takeProfit.limitPrice" },
        { "take-profit off tick", Bracket(110.001m, 95m), PriceOffTickGrid, "takeProfit.limitPrice" },
        { "stop-loss stop of zero", Bracket(110m, 0m), InvalidPrice, "stopLoss.stopPrice" },
        { "stop-loss limit off tick", Bracket(110m, 95m, 94.999m), PriceOffTickGrid, "stopLoss.limitPrice" },
        { "bracket without stop-loss", Bracket(110m, 95m) with { StopLoss = null }, MissingField, "stopLoss.stopPrice" },
        { "bracket entered by a stop", Bracket(110m, 95m) with { Type = Stop, StopPrice = 101m }, InvalidBracket, "type" },
        { "bracket ioc", Bracket(110m, 95m) with { TimeInForce = TimeInForce.Ioc }, TimeInForceNotAllowed, "timeInForce" },
        { "legs on a simple order", Limit() with { TakeProfit = new TakeProfitLeg(110m) }, InvalidBracket, "orderClass" },
        { "undefined order class", Limit() with { Class = (OrderClass)9 }, InvalidBracket, "orderClass" },
        { "oto without a leg", Limit() with { Class = OrderClass.Oto }, MissingField, "takeProfit.limitPrice" },
        { "oto with both legs (a bracket)", Limit() with { Class = OrderClass.Oto, TakeProfit = new TakeProfitLeg(110m), StopLoss = new StopLossLeg(90m) }, InvalidBracket, "orderClass" },
        { "oto stop off the tick grid", Limit() with { Class = OrderClass.Oto, StopLoss = new StopLossLeg(90.001m) }, PriceOffTickGrid, "stopLoss.stopPrice" },
        { "undefined order type", Limit() with { Type = (OrderType)9 }, FieldNotAllowed, "type" },
        { "oco of market type", Bracket(110m, 95m) with { Class = OrderClass.Oco, Side = Sell }, InvalidBracket, "type" },
        { "sell oco take-profit below its stop", Bracket(95m, 110m) with { Class = OrderClass.Oco, Side = Sell, Type = OrderType.Limit }, InvalidBracket, "takeProfit.limitPrice" },
        { "buy oco take-profit above its stop", Bracket(110m, 95m) with { Class = OrderClass.Oco, Type = OrderType.Limit }, InvalidBracket, "takeProfit.limitPrice" },
        { "oco limit price other than its take-profit", Bracket(95m, 110m) with { Class = OrderClass.Oco, Type = OrderType.Limit, LimitPrice = 96m }, InvalidBracket, "limitPrice" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Invalid_request_is_refused_naming_the_field_and_changes_nothing(string because, OrderRequest request, OrderErrorCode code, string field)
    {
        var d = new BookDriver();
        d.Quote("AAPL", 99.99m, 100.00m);
        d.Quote("ELECT", 0.40m, 0.42m);
        d.Market("AAPL", Buy, 10m);
        d.Submit(Limit(90m));
        var orders = d.Book.Orders;
        var fills = d.Book.Fills;
        var snapshot = d.Snapshot();

        var result = d.Submit(request);

        Assert.True(result.Order is null, because);
        Assert.Equal((code, field), (result.Error!.Code, result.Error.Field));
        Assert.Equal(OrderErrors.Describe(code), result.Error.Message);
        Assert.Empty(result.Events);
        Assert.Equal(orders, d.Book.Orders);
        Assert.Equal(fills, d.Book.Fills);
        Assert.Equal(snapshot, d.Snapshot());
        Assert.Equal("O-3", d.Submit(Limit(91m)).Order!.Id); // a refused request uses no id
    }
}
