using System.Globalization;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>Alpaca's positions: list, one by symbol, close one (whole, <c>qty</c> or <c>percentage</c>), close all.</summary>
public static class AlpacaPositionsApi
{
    public static RouteGroupBuilder MapAlpacaPositionsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/positions", ListAsync).WithName("AlpacaListPositions");
        v2.MapGet("/positions/{symbol}", GetAsync).WithName("AlpacaGetPosition");
        v2.MapDelete("/positions/{symbol}", CloseAsync).WithName("AlpacaClosePosition")
            .WithSummary("Alpaca: closes a position at market, whole or by qty or percentage; 200 with the closing order.");
        v2.MapDelete("/positions", CloseAllAsync).WithName("AlpacaCloseAllPositions")
            .WithSummary("Alpaca: closes every position (cancel_orders=true cancels open orders first); 207 with { symbol, status, body }.");
        return v2;
    }

    private static Task<IResult> ListAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaViews views) =>
        AlpacaTradingApi.WithBookAsync(http, accounts, cluster, async book =>
        {
            var list = new List<AlpacaPositionView>();
            foreach (var position in (await book.GetPositionsAsync()).Where(p => p.Quantity != 0))
                list.Add(await views.PositionAsync(position));
            return AlpacaJson.Ok(list);
        });

    private static Task<IResult> GetAsync(string symbol, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols,
        AlpacaViews views) =>
        AlpacaTradingApi.WithBookAsync(http, accounts, cluster, async book =>
            await FindAsync(book, symbols, symbol) is { } position
                ? AlpacaJson.Ok(await views.PositionAsync(position))
                : AlpacaErrors.NotFound("position does not exist"));

    private static Task<IResult> CloseAsync(string symbol, HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols,
        AlpacaViews views) =>
        AlpacaTradingApi.WithBookAsync(http, accounts, cluster, async book =>
        {
            if (JsonBody.RefuseBody(http.Request) is { } refused) return refused;
            var query = http.Request.Query;
            if (query.ContainsKey("qty") && query.ContainsKey("percentage"))
                return AlpacaErrors.Invalid("qty", "send qty or percentage, not both.");
            decimal? qty = null, percentage = null;
            if (query.ContainsKey("qty") && !(TryPositive(query["qty"], out qty)))
                return AlpacaErrors.Invalid("qty", "must be a positive number.");
            if (query.ContainsKey("percentage") && !(TryPositive(query["percentage"], out percentage) && percentage <= 100))
                return AlpacaErrors.Invalid("percentage", "must be above 0 and at most 100.");
            if (await FindAsync(book, symbols, symbol) is not { } position)
                return AlpacaErrors.NotFound("position does not exist");
            if (qty is null && percentage is null or 100)
                return await AlpacaErrors.FromCommandAsync(await book.ClosePositionAsync(position.Symbol), views);

            var spec = await symbols.FindAsync(position.Symbol);
            var held = Math.Abs(position.Quantity);
            var amount = qty ?? Math.Floor(held * percentage!.Value / 100m / spec!.LotSize) * spec.LotSize;
            if (amount > held) return AlpacaErrors.Forbidden($"insufficient qty available for order (requested: {AlpacaJson.Number(amount)}, available: {AlpacaJson.Number(held)})");
            if (amount <= 0) return AlpacaErrors.Invalid("percentage", "closes less than one lot of the position.");
            var side = position.Quantity > 0 ? OrderSide.Sell : OrderSide.Buy;
            var timeInForce = spec?.Kind == InstrumentKind.Crypto ? TimeInForce.Gtc : TimeInForce.Day;
            return await AlpacaErrors.FromCommandAsync(
                await book.SubmitOrderAsync(new OrderRequest(position.Symbol, side, OrderType.Market, amount, timeInForce)), views);
        });

    private static Task<IResult> CloseAllAsync(HttpContext http, AlpacaAccounts accounts, IClusterClient cluster, AlpacaSymbols symbols,
        AlpacaViews views) =>
        AlpacaTradingApi.WithBookAsync(http, accounts, cluster, async book =>
        {
            if (JsonBody.RefuseBody(http.Request) is { } refused) return refused;
            var cancel = http.Request.Query["cancel_orders"].ToString();
            if (cancel is not ("" or "true" or "false")) return AlpacaErrors.Invalid("cancel_orders", "must be true or false.");
            if (cancel == "true") await AlpacaTradingApi.CancelOpenOrdersAsync(book, views);
            var results = new List<AlpacaMultiStatus>();
            foreach (var position in (await book.GetPositionsAsync()).Where(p => p.Quantity != 0))
            {
                var result = await book.ClosePositionAsync(position.Symbol);
                var display = await symbols.FindAsync(position.Symbol) is var spec ? AlpacaSymbols.Display(spec, position.Symbol) : position.Symbol;
                if (result.Error is { } error)
                {
                    var status = AlpacaErrors.StatusOf(error.Code);
                    results.Add(new AlpacaMultiStatus(null, display, status, new AlpacaError(AlpacaErrors.CodeFor(status), error.Message)));
                }
                else
                    results.Add(new AlpacaMultiStatus(null, display, StatusCodes.Status200OK, await views.OrderAsync(result.Order!)));
            }
            return AlpacaJson.Ok(results, StatusCodes.Status207MultiStatus);
        });

    private static async Task<Position?> FindAsync(IPositionBookGrain book, AlpacaSymbols symbols, string symbol)
    {
        var canonical = await symbols.CanonicalAsync(Uri.UnescapeDataString(symbol));
        return (await book.GetPositionsAsync()).FirstOrDefault(p => p.Quantity != 0 && string.Equals(p.Symbol, canonical, StringComparison.OrdinalIgnoreCase));
    }

    private static bool TryPositive(Microsoft.Extensions.Primitives.StringValues value, out decimal? number)
    {
        number = null;
        if (!decimal.TryParse(value.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0) return false;
        number = parsed;
        return true;
    }
}
