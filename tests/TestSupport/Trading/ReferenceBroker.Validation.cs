using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

// Validation refuses a request and records nothing; a rejection records the order as rejected.
public sealed partial class ReferenceBroker
{
    // The order of checks is the one docs/trading.md fixes ("Validation order"); the first failure wins.
    private TradingOutcome? Validate(OrderRequest r)
    {
        if (r.ClientOrderId is { } id && (id.Length is 0 or > 64 || id.Any(c => c < ' ' || c > '~')))
            return Refuse(OrderErrorCode.InvalidClientOrderId, "clientOrderId");

        var spec = findInstrument(r.Symbol);
        if (spec is null) return Refuse(OrderErrorCode.UnknownSymbol, "symbol");

        if (!Enum.IsDefined(r.Side)) return Refuse(OrderErrorCode.FieldNotAllowed, "side");
        if (!Enum.IsDefined(r.Type)) return Refuse(OrderErrorCode.FieldNotAllowed, "type");
        if (!Enum.IsDefined(r.TimeInForce)) return Refuse(OrderErrorCode.TimeInForceNotAllowed, "timeInForce");
        if (!Enum.IsDefined(r.Class)) return Refuse(OrderErrorCode.InvalidBracket, "orderClass");

        if (r.Quantity <= 0) return Refuse(OrderErrorCode.InvalidQuantity, "quantity");
        if (r.Quantity % spec.LotSize != 0) return Refuse(OrderErrorCode.QuantityOffLotGrid, "quantity");

        var fields = ValidateTypeFields(r);
        if (fields is not null) return fields;

        var prices = ValidatePrice(r.LimitPrice, "limitPrice", spec) ?? ValidatePrice(r.StopPrice, "stopPrice", spec);
        if (prices is not null) return prices;

        if (r.TrailAmount is { } amount)
        {
            if (amount <= 0) return Refuse(OrderErrorCode.InvalidPrice, "trailAmount");
            if (amount % spec.TickSize != 0) return Refuse(OrderErrorCode.PriceOffTickGrid, "trailAmount");
        }

        if (r.TrailPercent is { } percent && percent is <= 0 or >= 100) return Refuse(OrderErrorCode.InvalidPrice, "trailPercent");

        var ioc = r.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
        if (ioc && r.Type is not (OrderType.Market or OrderType.Limit)) return Refuse(OrderErrorCode.TimeInForceNotAllowed, "timeInForce");
        if (ioc && r.Class != OrderClass.Simple) return Refuse(OrderErrorCode.TimeInForceNotAllowed, "timeInForce");

        // opg and cls need an open and a close (trading hours), and are for simple market and limit orders.
        if (IsOnOpenOrClose(r.TimeInForce))
        {
            if (spec.Hours is null) return Refuse(OrderErrorCode.TimeInForceNotAllowed, "timeInForce");
            if (r.Type is not (OrderType.Market or OrderType.Limit) || r.Class != OrderClass.Simple)
                return Refuse(OrderErrorCode.TimeInForceNotAllowed, "timeInForce");
        }

        return ValidateClass(r, spec);
    }

    private static TradingOutcome? ValidateTypeFields(OrderRequest r)
    {
        var needsLimit = r.Type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = r.Type is OrderType.Stop or OrderType.StopLimit;
        var trailing = r.Type == OrderType.TrailingStop;

        // An OCO's limit price is its take-profit's, so the request may leave it out.
        if (needsLimit && r.LimitPrice is null && r.Class != OrderClass.Oco) return Refuse(OrderErrorCode.MissingField, "limitPrice");
        if (!needsLimit && r.LimitPrice is not null) return Refuse(OrderErrorCode.FieldNotAllowed, "limitPrice");
        if (needsStop && r.StopPrice is null) return Refuse(OrderErrorCode.MissingField, "stopPrice");
        if (!needsStop && r.StopPrice is not null) return Refuse(OrderErrorCode.FieldNotAllowed, "stopPrice");
        if (trailing && r.TrailAmount is null && r.TrailPercent is null) return Refuse(OrderErrorCode.MissingField, "trailAmount");
        if (trailing && r.TrailAmount is not null && r.TrailPercent is not null) return Refuse(OrderErrorCode.FieldNotAllowed, "trailPercent");
        if (!trailing && r.TrailAmount is not null) return Refuse(OrderErrorCode.FieldNotAllowed, "trailAmount");
        if (!trailing && r.TrailPercent is not null) return Refuse(OrderErrorCode.FieldNotAllowed, "trailPercent");
        return null;
    }

    private static TradingOutcome? ValidatePrice(decimal? price, string field, InstrumentSpec spec)
    {
        if (price is not { } p) return null;
        if (p <= 0) return Refuse(OrderErrorCode.InvalidPrice, field);
        if (spec.Kind == InstrumentKind.Prediction && p >= 1) return Refuse(OrderErrorCode.InvalidPrice, field);
        if (p % spec.TickSize != 0) return Refuse(OrderErrorCode.PriceOffTickGrid, field);
        return null;
    }

    private static TradingOutcome? ValidateClass(OrderRequest r, InstrumentSpec spec)
    {
        if (r.Class == OrderClass.Simple)
            return r.TakeProfit is null && r.StopLoss is null ? null : Refuse(OrderErrorCode.InvalidBracket, "orderClass");

        if (r.Class == OrderClass.Bracket && r.Type is not (OrderType.Market or OrderType.Limit))
            return Refuse(OrderErrorCode.InvalidBracket, "type");
        if (r.Class == OrderClass.Oco && r.Type != OrderType.Limit) return Refuse(OrderErrorCode.InvalidBracket, "type");
        if (r.TakeProfit is null) return Refuse(OrderErrorCode.MissingField, "takeProfit.limitPrice");
        if (r.StopLoss is null) return Refuse(OrderErrorCode.MissingField, "stopLoss.stopPrice");

        var takeProfit = r.TakeProfit.LimitPrice;
        var stop = r.StopLoss.StopPrice;
        var legPrices = ValidatePrice(takeProfit, "takeProfit.limitPrice", spec)
            ?? ValidatePrice(stop, "stopLoss.stopPrice", spec)
            ?? ValidatePrice(r.StopLoss.LimitPrice, "stopLoss.limitPrice", spec);
        if (legPrices is not null) return legPrices;

        if (r.Class == OrderClass.Oco && r.LimitPrice is { } limit && limit != takeProfit)
            return Refuse(OrderErrorCode.InvalidBracket, "limitPrice");

        // The take-profit is on the profitable side of the stop-loss for the position the legs protect: above it
        // for a buy bracket (its legs sell) and for a sell OCO (it sells); below it for the mirror cases.
        var exitsSell = r.Class == OrderClass.Bracket ? r.Side == OrderSide.Buy : r.Side == OrderSide.Sell;
        var consistent = exitsSell ? takeProfit > stop : takeProfit < stop;
        return consistent ? null : Refuse(OrderErrorCode.InvalidBracket, "takeProfit.limitPrice");
    }

    private OrderErrorCode? RejectionFor(OrderRequest r, InstrumentSpec spec, DateTimeOffset now)
    {
        if (spec.QuoteCurrency != "USD") return OrderErrorCode.CurrencyNotSupported;

        // An opg or cls market order waits for its open or close: a closed market does not reject it.
        var immediate = (r.Type == OrderType.Market && !IsOnOpenOrClose(r.TimeInForce)) || r.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok;
        if (immediate && !isOpen(spec, now)) return OrderErrorCode.MarketClosed;

        quotes.TryGetValue(r.Symbol, out var quote);
        if (r.Type == OrderType.Market && quote is null) return OrderErrorCode.NoQuote;

        // Either leg of an OCO may be the one that fills, so it is checked at both prices.
        var exceeds = r.Class == OrderClass.Oco
            ? ExceedsBuyingPower(r, spec, r.TakeProfit!.LimitPrice) || ExceedsBuyingPower(r, spec, r.StopLoss!.StopPrice)
            : ExceedsBuyingPower(r, spec, ReferencePrice(r, quote));
        return exceeds ? OrderErrorCode.InsufficientBuyingPower : null;
    }

    // The price the order would really execute at (docs/trading.md "InsufficientBuyingPower").
    private static decimal? ReferencePrice(OrderRequest r, Quote? quote)
    {
        var touch = r.Side == OrderSide.Buy ? quote?.Ask : quote?.Bid;
        return r.Type switch
        {
            OrderType.Market or OrderType.TrailingStop => touch,
            OrderType.Limit or OrderType.StopLimit => r.LimitPrice,
            _ when touch is null => r.StopPrice,
            _ => r.Side == OrderSide.Buy ? Math.Max(r.StopPrice!.Value, touch.Value) : Math.Min(r.StopPrice!.Value, touch.Value),
        };
    }

    // docs/trading.md "Bounds": size, then each named price (band, then notional), the trail, then the touch.
    private TradingOutcome? Bound(OrderRequest r, InstrumentSpec spec)
    {
        var limits = spec.Limits ?? BoundsFor(spec.Kind);
        quotes.TryGetValue(spec.Symbol, out var quote);
        var held = holdings.FirstOrDefault(h => h.Symbol == spec.Symbol)?.Quantity ?? 0m;
        var against = r.Side == OrderSide.Buy ? held < 0 : held > 0;
        var onlyReduces = against && r.Class == OrderClass.Simple && r.Quantity <= Math.Abs(held);
        if (!onlyReduces && r.Quantity > limits.MaxQuantity) return Refuse(OrderErrorCode.QuantityTooLarge, "quantity");

        var low = quote is null || limits.PriceBand is null ? (decimal?)null : quote.Bid / limits.PriceBand.Value;
        var high = quote is null || limits.PriceBand is null ? (decimal?)null : quote.Ask * limits.PriceBand.Value;
        // Division, not multiplication: the oracle must not overflow where the engine must not either.
        bool TooMuch(decimal quantity, decimal price) => price > limits.MaxNotional / (quantity * spec.Multiplier);
        var named = new List<(string, decimal)>();
        if (r.LimitPrice is { } l) named.Add(("limitPrice", l));
        if (r.StopPrice is { } s) named.Add(("stopPrice", s));
        if (r.TakeProfit is { } tp) named.Add(("takeProfit.limitPrice", tp.LimitPrice));
        if (r.StopLoss is { } sl) named.Add(("stopLoss.stopPrice", sl.StopPrice));
        if (r.StopLoss?.LimitPrice is { } sll) named.Add(("stopLoss.limitPrice", sll));
        foreach (var (field, price) in named)
        {
            if (low is { } lo && (price < lo || price > high)) return Refuse(OrderErrorCode.PriceOutOfBand, field);
            if (TooMuch(r.Quantity, price)) return Refuse(OrderErrorCode.NotionalTooLarge, TooMuch(spec.LotSize, price) ? field : "quantity");
        }

        if (r.TrailAmount is { } amount)
        {
            if (low is { } lo)
            {
                var first = r.Side == OrderSide.Sell ? quote!.Bid - amount : quote!.Ask + amount;
                if (first < lo || first > high) return Refuse(OrderErrorCode.PriceOutOfBand, "trailAmount");
            }
            else if (TooMuch(r.Quantity, amount))
            {
                return Refuse(OrderErrorCode.NotionalTooLarge, TooMuch(spec.LotSize, amount) ? "trailAmount" : "quantity");
            }
        }

        if (!onlyReduces && quote is not null && TooMuch(r.Quantity, r.Side == OrderSide.Buy ? quote.Ask : quote.Bid))
            return Refuse(OrderErrorCode.NotionalTooLarge, "quantity");
        return null;
    }

    // The defaults docs/trading.md gives per kind.
    private static InstrumentLimits BoundsFor(InstrumentKind kind) => kind switch
    {
        InstrumentKind.Future => new(100_000m, 1_000_000_000m, 10m),
        InstrumentKind.Prediction => new(10_000_000m, 1_000_000_000m, null),
        _ => new(1_000_000_000m, 1_000_000_000m, 10m),
    };

    private bool ExceedsBuyingPower(OrderRequest r, InstrumentSpec spec, decimal? referencePrice)
    {
        var current = holdings.FirstOrDefault(h => h.Symbol == r.Symbol)?.Quantity ?? 0m;
        var after = current + (r.Side == OrderSide.Buy ? r.Quantity : -r.Quantity);
        if (Math.Abs(after) <= Math.Abs(current)) return false;

        // A trailing stop on an instrument that never quoted has no reference price yet: nothing to check against.
        if (referencePrice is not { } price) return false;

        var others = holdings.Where(h => h.Symbol != r.Symbol).Sum(h => Math.Abs(ToPosition(h).MarketValue));
        var grossAfter = others + Money(Math.Abs(after) * price * spec.Multiplier);
        var equity = Balance() + holdings.Sum(h => ToPosition(h).UnrealizedPnl);
        return grossAfter > terms.MaxLeverage * equity;
    }

    private static TradingOutcome Refuse(OrderErrorCode code, string field) => TradingOutcome.Refused(code, field);

    private static bool IsOnOpenOrClose(TimeInForce timeInForce) => timeInForce is TimeInForce.Opg or TimeInForce.Cls;

    /// <summary>An opg order is taken only while its market is closed: once the session runs, its open has passed.</summary>
    private TradingOutcome? RefuseOpgWhileOpen(OrderRequest r, InstrumentSpec spec, DateTimeOffset now) =>
        r.TimeInForce == TimeInForce.Opg && isOpen(spec, now) ? Refuse(OrderErrorCode.TimeInForceNotAllowed, "timeInForce") : null;
}
