using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

// An independent reading of docs/trading.md, written without looking at TradingBook, so that the two can be
// compared on random scenarios. It is meant to be obviously right rather than fast: plain lists, linear
// scans, one rule per method, top to bottom.
//
// Where the page leaves room, this oracle takes the readings written down in docs/trading.md, "Decisions that
// refine this page" (agreed with the engine over random scenarios; change that page first, then both sides).
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
    private DateTimeOffset latestStamp = DateTimeOffset.MinValue;

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
        var spec = findInstrument(request.Symbol)!;
        if ((Bound(request, spec) ?? RefuseOpgWhileOpen(request, spec, now)) is { } outOfBounds) return outOfBounds;
        // The catalog's spelling of the symbol is the one an order carries.
        return Place(request with { Symbol = spec.Symbol }, spec, now);
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
        symbol = findInstrument(symbol)?.Symbol ?? symbol;
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
        var refusal = Validate(asRequest) ?? Bound(asRequest, findInstrument(old.Symbol)!) ?? RefuseOpgWhileOpen(asRequest, findInstrument(old.Symbol)!, now);
        if (refusal is not null) return refusal;
        // A bracket or OCO order stays a working exit: it cannot become immediate-or-cancel, nor wait for an open or close.
        if (old.Class != OrderClass.Simple && asRequest.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok or TimeInForce.Opg or TimeInForce.Cls)
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
        var stamp = Stamp(now);
        Store(old with { Status = OrderStatus.Replaced, ReplacedById = replacement.Id, ReplacedAt = stamp, UpdatedAt = stamp });
        orders.Add(replacement);

        if (old.ParentId is not null)
        {
            var parent = FindOrder(old.ParentId)!;
            Store(parent with { LegIds = [.. parent.LegIds.Select(id => id == old.Id ? replacement.Id : id)], UpdatedAt = stamp });
        }

        foreach (var legId in old.LegIds)
        {
            var leg = FindOrder(legId)!;
            var quantity = leg.Status == OrderStatus.Held ? replacement.Quantity : leg.Quantity;
            Store(leg with { ParentId = replacement.Id, Quantity = quantity, UpdatedAt = stamp });
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
            entry = entry with { Status = OrderStatus.Rejected, RejectReason = rejection, RejectedAt = Stamp(now) };
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
        CreatedAt: Stamp(now),
        UpdatedAt: Stamp(now));

    /// <summary>Makes an order working: it joins the back of the queue, gets its day expiry and trailing watermark.</summary>
    private void Accept(string orderId, InstrumentSpec spec, DateTimeOffset now)
    {
        var order = FindOrder(orderId)!;
        acceptedOrder[orderId] = ++acceptances;
        order = order with
        {
            Status = OrderStatus.Accepted,
            UpdatedAt = Stamp(now),
            // opg and cls orders end with their session too (cls executes at that close).
            ExpiresAt = order.TimeInForce is TimeInForce.Day or TimeInForce.Opg or TimeInForce.Cls ? SessionClock.DayEnd(spec, now, isOpen) : null,
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

    /// <summary>
    /// docs/trading.md "Times": whatever the account writes is stamped at the later of the moment it happens and the
    /// latest stamp it wrote before. Only called for something that is written down.
    /// </summary>
    private DateTimeOffset Stamp(DateTimeOffset moment)
    {
        if (moment > latestStamp) latestStamp = moment;
        return latestStamp;
    }

    private decimal Balance() => initialBalance + realizedPnl - commissionsPaid;

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
