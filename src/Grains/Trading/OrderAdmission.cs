using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;

namespace Crucible.Grains.Trading;

/// <summary>
/// The business rejections of a valid order, checked in this order: currency, market closed, no quote, buying
/// power. A rejected order is recorded; balances do not change.
/// </summary>
internal static class OrderAdmission
{
    public const string AccountCurrency = "USD";

    public static OrderErrorCode? Check(OrderRequest r, InstrumentSpec spec, BookState state, DateTimeOffset now)
    {
        if (!string.Equals(spec.QuoteCurrency, AccountCurrency, StringComparison.OrdinalIgnoreCase))
            return OrderErrorCode.CurrencyNotSupported;
        // opg and cls orders wait for their open or close, so a closed market does not reject them.
        var immediate = r.Type == OrderType.Market && !AuctionOrders.IsAuction(r.TimeInForce) || r.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
        if (immediate && !TradingCalendar.IsOpen(spec.Hours, now)) return OrderErrorCode.MarketClosed;
        var quote = state.QuoteOf(spec.Symbol);
        if (r.Type == OrderType.Market && quote is null) return OrderErrorCode.NoQuote;
        return ReferencePrices(r, quote).Any(price => ExceedsBuyingPower(state, spec, r.Side, r.Quantity, price))
            ? OrderErrorCode.InsufficientBuyingPower
            : null;
    }

    /// <summary>
    /// The prices the exposure after the fill is valued at. A trailing stop without a quote has none and is not
    /// checked; an OCO is checked at both legs' prices.
    /// </summary>
    private static IEnumerable<decimal> ReferencePrices(OrderRequest r, Quote? quote)
    {
        decimal? touch = quote is null ? null : r.Side == OrderSide.Buy ? quote.Ask : quote.Bid;
        if (r.Class == OrderClass.Oco)
        {
            yield return r.TakeProfit!.LimitPrice;
            yield return r.StopLoss!.StopPrice;
            yield break;
        }

        var price = r.Type switch
        {
            OrderType.Market or OrderType.TrailingStop => touch,
            OrderType.Limit or OrderType.StopLimit => r.LimitPrice,
            // A triggered stop executes at market, so at no better than its stop: a buy stop below the ask pays
            // the ask, a sell stop above the bid gets the bid.
            OrderType.Stop when touch is { } t => r.Side == OrderSide.Buy ? Math.Max(r.StopPrice!.Value, t) : Math.Min(r.StopPrice!.Value, t),
            _ => r.StopPrice,
        };
        if (price is { } p) yield return p;
    }

    private static bool ExceedsBuyingPower(BookState state, InstrumentSpec spec, OrderSide side, decimal quantity, decimal price)
    {
        var before = state.Ledger.QuantityOf(spec.Symbol);
        var after = before + (side == OrderSide.Buy ? quantity : -quantity);
        if (Math.Abs(after) <= Math.Abs(before)) return false; // reducing a position is always allowed

        var account = AccountValuation.Of(state);
        var grossAfter = account.GrossExposure - account.ExposureOf(spec.Symbol) + Money.Cents(Math.Abs(after) * price * spec.Multiplier);
        return grossAfter > state.Terms.MaxLeverage * account.Equity;
    }
}
