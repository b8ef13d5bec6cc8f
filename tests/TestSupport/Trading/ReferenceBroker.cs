using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

// An independent reading of docs/trading.md, written without looking at TradingBook, so that the two can be
// compared on random scenarios. It is meant to be obviously right rather than fast: plain lists, linear
// scans, one rule per method, top to bottom.
//
// Where the page leaves room, this oracle reads it as follows (each is a point to reconcile with the engine):
//  1. Validation and business checks run in a fixed order; the first failure wins: symbol, client order id,
//     quantity, order class shape, type fields (needs, then must-not-have), prices, trail, time in force,
//     bracket/OCO legs; then CurrencyNotSupported, MarketClosed, NoQuote, InsufficientBuyingPower.
//  2. Command errors (UnknownOrder, OrderNotCancelable, OrderNotReplaceable, NoPosition) carry no field.
//  3. A duplicate client order id returns the FIRST order that carried it (a replacement keeps the id, but the
//     original is what the client created), even when the new request would not validate.
//  4. Buying power: "gross exposure after the fill" is the other symbols' gross exposure at their marks plus
//     round(|position after the whole order| × reference price × multiplier); rejected when strictly above
//     max leverage × current equity. An OCO is checked as its take-profit limit order.
//  5. A rejected bracket or OCO records only the rejected entry (no legs are created, no ids are used).
//  6. Bracket legs take the entry's time in force; a day leg's expiry is computed when the leg is accepted.
//     Legs activated by a fill on a quote are first checked on the NEXT quote, like any order accepted after
//     that quote arrived. Legs' class is the parent's class (Bracket / Oco).
//  7. OCO: the request's type is limit with the take-profit price; LimitPrice may be omitted or equal the
//     take-profit. The take-profit is the parent ("O-n", returned, carries the client order id), the stop-loss
//     is its leg ("O-n+1"); both are on the request's side and accepted at once; the take-profit may fill at
//     submission like any marketable limit. A sell OCO needs take-profit > stop, a buy OCO take-profit < stop.
//  8. Orders (including marketable limits and replacements) fill at submission only while the instrument's
//     market is open; a day/gtc limit accepted while closed waits for the next quote.
//  9. With limitFillsToTopOfBook, a quote's displayed size is consumed by every fill against that quote,
//     including fills at submission, until the next quote of the symbol replaces it. A market order left
//     without size keeps working (day/gtc), or is canceled (ioc/fok).
// 10. Slippage uses the quantity of the fill (equal to the order quantity unless top-of-book splits it).
// 11. A triggered stop / trailing stop stays triggered: a remainder left by top-of-book fills on later quotes
//     at min(stop, ask) for a buy (max(stop, bid) for a sell); a trailing stop's watermark and stop freeze when
//     it triggers. A trailing stop's StopPrice shows the current stop; a watermark move updates UpdatedAt.
// 12. Day orders: ExpiresAt is set when accepted; ExpiredAt is the time of the quote or clock check that
//     expires them. A quote of ANY symbol is a clock check for all day orders, done before it fills anything.
//     A quote that is not newer (by sequence) is ignored entirely, including as a clock check.
// 13. Commission is one rounding of perUnit × quantity + bps × price × quantity × multiplier ÷ 10,000.
// 14. Position.RealizedPnl is what the position realized since it opened; a flip opens a new position (0).
//     MarketValue is signed: round(quantity × mark × multiplier).
// 15. Settlement creates no fill and no order: it realizes P&L into the account, removes the position and
//     cancels the contract's working orders (held legs too) as they are, at the settlement quote's time.
// 16. Replace is validated like a new simple order of the same type (fields only: no market-closed or buying
//     power check); the replacement goes to the back of the queue, is not triggered, restarts a trailing
//     watermark from the current quote, and the relatives whose ParentId / LegIds (and a held leg's quantity) change get UpdatedAt.
// 17. ClosePosition submits a simple day market order (no client order id) and can be rejected MarketClosed.
// 18. An ioc or fok order that is not (entirely) filled ends "canceled", keeping any quantity it filled.
// 19. Canceling a bracket leg, like an OCO leg, leaves the other leg working.
// 20. A trailing stop placed before its instrument ever quoted has no watermark, stop or buying-power check
//     until the first quote, which sets the watermark. A fill at submission is timed `now` and carries the
//     sequence of the quote it used; a fill on a quote is timed at the quote.
// 21. Positions are listed in ordinal symbol order; Snapshot(now).UpdatedAt is `now`.
public sealed partial class ReferenceBroker
{
    private readonly string accountId;
    private readonly decimal initialBalance;
    private readonly TradingTerms terms;
    private readonly Func<string, InstrumentSpec?> findInstrument;
    private readonly Func<InstrumentSpec, DateTimeOffset, bool> isOpen;

    private readonly List<Order> orders = [];
    private readonly Dictionary<string, long> acceptedOrder = [];
    private readonly List<Fill> fills = [];
    private readonly List<Holding> holdings = [];
    private readonly Dictionary<string, Quote> quotes = [];
    private readonly Dictionary<string, decimal?> bidSizeLeft = [];
    private readonly Dictionary<string, decimal?> askSizeLeft = [];
    private decimal realizedPnl;
    private decimal commissionsPaid;
    private long acceptances;

    public ReferenceBroker(
        string accountId,
        decimal initialBalance,
        TradingTerms terms,
        Func<string, InstrumentSpec?> findInstrument,
        Func<InstrumentSpec, DateTimeOffset, bool> isOpen)
    {
        this.accountId = accountId;
        this.initialBalance = initialBalance;
        this.terms = terms;
        this.findInstrument = findInstrument;
        this.isOpen = isOpen;
    }

    public string AccountId => accountId;

    public TradingTerms Terms => terms;

    public IReadOnlyList<Order> Orders => [.. orders];

    public IReadOnlyList<Fill> Fills => [.. fills];

    public IReadOnlyDictionary<string, Quote> Quotes => new Dictionary<string, Quote>(quotes);

    public IReadOnlyList<Position> Positions =>
        [.. holdings.OrderBy(h => h.Symbol, StringComparer.Ordinal).Select(ToPosition)];

    /// <summary>Symbols the account needs quotes for: open positions and working orders.</summary>
    public IReadOnlyCollection<string> WatchedSymbols =>
        [.. holdings.Select(h => h.Symbol).Concat(orders.Where(o => o.IsWorking).Select(o => o.Symbol)).Distinct().Order(StringComparer.Ordinal)];

    public Order? FindOrder(string orderId) => orders.FirstOrDefault(o => o.Id == orderId);

    public AccountSnapshot Snapshot(DateTimeOffset now)
    {
        var positions = Positions;
        var balance = Balance();
        var unrealized = positions.Sum(p => p.UnrealizedPnl);
        var equity = balance + unrealized;
        var gross = positions.Sum(p => Math.Abs(p.MarketValue));
        var net = positions.Sum(p => p.MarketValue);
        var buyingPower = Math.Max(0m, Money(terms.MaxLeverage * equity - gross));
        return new AccountSnapshot(accountId, "USD", initialBalance, balance, realizedPnl, unrealized, equity,
            commissionsPaid, gross, net, buyingPower, terms.MaxLeverage, now);
    }

    public TradingOutcome Submit(OrderRequest request, DateTimeOffset now)
    {
        if (request.ClientOrderId is not null)
        {
            var original = orders.FirstOrDefault(o => o.ClientOrderId == request.ClientOrderId);
            if (original is not null) return new TradingOutcome(original, null, null, Duplicate: true);
        }

        var refusal = Validate(request);
        if (refusal is not null) return refusal;
        return Place(request, findInstrument(request.Symbol)!, now);
    }

    public TradingOutcome Cancel(string orderId, DateTimeOffset now)
    {
        var order = FindOrder(orderId);
        if (order is null) return TradingOutcome.Refused(OrderErrorCode.UnknownOrder, null);
        if (!order.IsWorking) return TradingOutcome.Refused(OrderErrorCode.OrderNotCancelable, null);

        Finish(order, OrderStatus.Canceled, now);
        return new TradingOutcome(FindOrder(orderId), null, null);
    }

    public TradingOutcome ClosePosition(string symbol, DateTimeOffset now)
    {
        var holding = holdings.FirstOrDefault(h => h.Symbol == symbol);
        if (holding is null) return TradingOutcome.Refused(OrderErrorCode.NoPosition, null);

        var side = holding.Quantity > 0 ? OrderSide.Sell : OrderSide.Buy;
        var request = new OrderRequest(symbol, side, OrderType.Market, Math.Abs(holding.Quantity), TimeInForce.Day);
        return Place(request, findInstrument(symbol)!, now);
    }

    public TradingOutcome Replace(string orderId, ReplaceRequest change, DateTimeOffset now)
    {
        var old = FindOrder(orderId);
        if (old is null) return TradingOutcome.Refused(OrderErrorCode.UnknownOrder, null);
        if (old.Status != OrderStatus.Accepted || old.FilledQuantity != 0)
            return TradingOutcome.Refused(OrderErrorCode.OrderNotReplaceable, null);

        // Giving a trail amount or a trail percent switches a trailing stop to it; giving neither keeps the old trail.
        var newTrail = change.TrailAmount is not null || change.TrailPercent is not null;
        var asRequest = new OrderRequest(old.Symbol, old.Side, old.Type,
            change.Quantity ?? old.Quantity,
            change.TimeInForce ?? old.TimeInForce,
            change.LimitPrice ?? old.LimitPrice,
            // A trailing stop's StopPrice is computed, not requested: only a stop or stop-limit keeps it.
            change.StopPrice ?? (old.Type is OrderType.Stop or OrderType.StopLimit ? old.StopPrice : null),
            newTrail ? change.TrailAmount : old.TrailAmount,
            newTrail ? change.TrailPercent : old.TrailPercent);
        var refusal = Validate(asRequest);
        if (refusal is not null) return refusal;
        // A bracket or OCO order stays a working exit: it cannot become immediate-or-cancel.
        if (old.Class != OrderClass.Simple && asRequest.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
            return TradingOutcome.Refused(OrderErrorCode.TimeInForceNotAllowed, "timeInForce");

        var spec = findInstrument(old.Symbol)!;
        // A replacement that would be rejected (buying power, market closed, ...) is refused; the original keeps working.
        if (RejectionFor(asRequest, spec, now) is { } rejection) return TradingOutcome.Refused(rejection, null);
        var replacement = NewOrder(asRequest, now) with
        {
            ClientOrderId = old.ClientOrderId,
            Class = old.Class,
            ParentId = old.ParentId,
            LegIds = old.LegIds,
            ReplacesId = old.Id,
        };
        Store(old with { Status = OrderStatus.Replaced, ReplacedById = replacement.Id, ReplacedAt = now, UpdatedAt = now });
        orders.Add(replacement);

        if (old.ParentId is not null)
        {
            var parent = FindOrder(old.ParentId)!;
            Store(parent with { LegIds = [.. parent.LegIds.Select(id => id == old.Id ? replacement.Id : id)], UpdatedAt = now });
        }

        foreach (var legId in old.LegIds)
        {
            var leg = FindOrder(legId)!;
            var quantity = leg.Status == OrderStatus.Held ? replacement.Quantity : leg.Quantity;
            Store(leg with { ParentId = replacement.Id, Quantity = quantity, UpdatedAt = now });
        }

        Accept(replacement.Id, spec, now);
        FillAtSubmission(replacement.Id, spec, now);
        return new TradingOutcome(FindOrder(replacement.Id), null, null);
    }

    /// <summary>Places a validated request: business rejections, acceptance, legs, and fills at submission.</summary>
    private TradingOutcome Place(OrderRequest request, InstrumentSpec spec, DateTimeOffset now)
    {
        if (request.Class == OrderClass.Oco) request = request with { LimitPrice = request.TakeProfit!.LimitPrice };

        var entry = NewOrder(request, now);
        var rejection = RejectionFor(request, spec, now);
        if (rejection is not null)
        {
            entry = entry with { Status = OrderStatus.Rejected, RejectReason = rejection, RejectedAt = now };
            orders.Add(entry);
            return new TradingOutcome(entry, null, null);
        }

        orders.Add(entry);
        if (request.Class == OrderClass.Bracket) CreateBracketLegs(entry, request, now);
        Accept(entry.Id, spec, now);
        if (request.Class == OrderClass.Oco) CreateOcoStopLeg(entry, request, spec, now);

        FillAtSubmission(entry.Id, spec, now);
        return new TradingOutcome(FindOrder(entry.Id), null, null);
    }

    private void CreateBracketLegs(Order entry, OrderRequest request, DateTimeOffset now)
    {
        var exitSide = request.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var takeProfit = NewOrder(new OrderRequest(request.Symbol, exitSide, OrderType.Limit, request.Quantity,
            request.TimeInForce, LimitPrice: request.TakeProfit!.LimitPrice, Class: OrderClass.Bracket), now);
        orders.Add(takeProfit with { Status = OrderStatus.Held, ParentId = entry.Id });
        var stopLoss = NewOrder(StopLossRequest(request, exitSide), now);
        orders.Add(stopLoss with { Status = OrderStatus.Held, ParentId = entry.Id });
        Store(FindOrder(entry.Id)! with { LegIds = [takeProfit.Id, stopLoss.Id] });
    }

    private void CreateOcoStopLeg(Order parent, OrderRequest request, InstrumentSpec spec, DateTimeOffset now)
    {
        var stopLoss = NewOrder(StopLossRequest(request, request.Side), now) with { ParentId = parent.Id };
        orders.Add(stopLoss);
        Store(FindOrder(parent.Id)! with { LegIds = [stopLoss.Id] });
        Accept(stopLoss.Id, spec, now);
    }

    private static OrderRequest StopLossRequest(OrderRequest request, OrderSide side)
    {
        var stopLoss = request.StopLoss!;
        var type = stopLoss.LimitPrice is null ? OrderType.Stop : OrderType.StopLimit;
        return new OrderRequest(request.Symbol, side, type, request.Quantity, request.TimeInForce,
            LimitPrice: stopLoss.LimitPrice, StopPrice: stopLoss.StopPrice, Class: request.Class);
    }

    private Order NewOrder(OrderRequest request, DateTimeOffset now) => new(
        Id: $"O-{orders.Count + 1}",
        ClientOrderId: request.ClientOrderId,
        AccountId: accountId,
        Symbol: request.Symbol,
        Side: request.Side,
        Type: request.Type,
        TimeInForce: request.TimeInForce,
        Class: request.Class,
        Quantity: request.Quantity,
        FilledQuantity: 0m,
        AverageFillPrice: null,
        LimitPrice: request.LimitPrice,
        StopPrice: request.StopPrice,
        TrailAmount: request.TrailAmount,
        TrailPercent: request.TrailPercent,
        Watermark: null,
        Triggered: false,
        Status: OrderStatus.New,
        RejectReason: null,
        ParentId: null,
        LegIds: [],
        ReplacesId: null,
        ReplacedById: null,
        CreatedAt: now,
        UpdatedAt: now);

    /// <summary>Makes an order working: it joins the back of the queue, gets its day expiry and trailing watermark.</summary>
    private void Accept(string orderId, InstrumentSpec spec, DateTimeOffset now)
    {
        var order = FindOrder(orderId)!;
        acceptedOrder[orderId] = ++acceptances;
        order = order with
        {
            Status = OrderStatus.Accepted,
            UpdatedAt = now,
            ExpiresAt = order.TimeInForce == TimeInForce.Day ? SessionClock.DayEnd(spec, now, isOpen) : null,
        };
        if (order.Type == OrderType.TrailingStop && quotes.TryGetValue(order.Symbol, out var quote))
        {
            var watermark = order.Side == OrderSide.Sell ? quote.Bid : quote.Ask;
            order = order with { Watermark = watermark, StopPrice = TrailingStop(order, watermark, spec) };
        }

        Store(order);
    }

    private void Store(Order order)
    {
        var index = orders.FindIndex(o => o.Id == order.Id);
        orders[index] = order;
    }

    private decimal Balance() => initialBalance + realizedPnl - commissionsPaid;

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
