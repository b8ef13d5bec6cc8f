using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;

namespace Crucible.Grains.Trading;

/// <summary>Submitting and replacing orders: validate, reject or record, then check at once against the latest quote.</summary>
internal sealed class OrderEntry(BookState state, OrderLifecycle lifecycle, FillEngine fills)
{
    public BookResult Submit(OrderRequest r, DateTimeOffset now)
    {
        if (r.ClientOrderId is { } clientId && state.Orders.FindByClientId(clientId) is { } original)
            return new BookResult(original, null, [], Duplicate: true);
        var spec = state.Find(r.Symbol);
        if ((Screen(r, spec) ?? AuctionOrders.RefuseAt(r, spec!, now)) is { } error) return new BookResult(null, error, []);
        // Symbols match case-insensitively; the order carries the catalog's spelling, so quotes find it.
        r = r with { Symbol = spec!.Symbol };

        // Stamped when the order is recorded (rejected or accepted); a refusal above records nothing and stamps nothing.
        var primary = OrderFactory.Primary(state.Orders.NextId(), state.AccountId, r, state.Clock.Stamp(now));
        if (OrderAdmission.Check(r, spec, state, now) is { } reason)
        {
            var rejected = OrderFactory.Rejected(primary, reason, state.Clock.Stamp(now));
            state.Orders.Add(rejected);
            state.Emit(new OrderChanged(rejected));
            return new BookResult(rejected, null, state.TakeEvents());
        }

        switch (r.Class)
        {
            case OrderClass.Bracket:
                var (tp, sl) = OrderFactory.BracketLegs(primary, state.Orders.NextId(), state.Orders.NextId(), r);
                primary = primary with { LegIds = [tp.Id, sl.Id] };
                Record(primary);
                lifecycle.Accept(primary, now);
                foreach (var leg in new[] { tp, sl }) Record(leg with { Status = OrderStatus.Held });
                break;
            case OrderClass.Oto:
                var only = OrderFactory.OtoLeg(primary, state.Orders.NextId(), r);
                primary = primary with { LegIds = [only.Id] };
                Record(primary);
                lifecycle.Accept(primary, now);
                Record(only with { Status = OrderStatus.Held });
                break;
            case OrderClass.Oco:
                var stopLoss = OrderFactory.OcoStopLoss(primary, state.Orders.NextId(), r);
                primary = primary with { LegIds = [stopLoss.Id] };
                Record(primary);
                Record(stopLoss);
                lifecycle.Accept(primary, now);
                lifecycle.Accept(stopLoss, now);
                break;
            default:
                Record(primary);
                lifecycle.Accept(primary, now);
                break;
        }

        WorkAtOnce(primary.Id, now);
        return new BookResult(state.Orders.Get(primary.Id), null, state.TakeEvents());
    }

    public BookResult Replace(string orderId, ReplaceRequest change, DateTimeOffset now)
    {
        var old = state.Orders.Find(orderId);
        if (old is null) return BookResult.Refused(OrderErrorCode.UnknownOrder, null);
        if (old.Status != OrderStatus.Accepted || old.FilledQuantity != 0m) return BookResult.Refused(OrderErrorCode.OrderNotReplaceable, null);

        var request = Merge(old, change);
        var spec = state.Instrument(old.Symbol);
        if ((Screen(request, spec) ?? AuctionOrders.RefuseAt(request, spec, now)) is { } error) return new BookResult(null, error, []);
        if (old.Class != OrderClass.Simple && request.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok or TimeInForce.Opg or TimeInForce.Cls)
            return BookResult.Refused(OrderErrorCode.TimeInForceNotAllowed, "timeInForce");
        // A replace that would be rejected is refused instead, so the original keeps working.
        if (OrderAdmission.Check(request, spec, state, now) is { } reason) return BookResult.Refused(reason, null);

        var at = state.Clock.Stamp(now);
        var replacement = old with
        {
            Id = state.Orders.NextId(), Quantity = request.Quantity, TimeInForce = request.TimeInForce,
            LimitPrice = request.LimitPrice, StopPrice = request.StopPrice,
            TrailAmount = request.TrailAmount, TrailPercent = request.TrailPercent, Watermark = null, Triggered = false,
            Status = OrderStatus.New, ReplacesId = old.Id, CreatedAt = at, UpdatedAt = at, ExpiresAt = null,
            // The amount a quantity was sized from describes only that quantity.
            Notional = request.Quantity == old.Quantity ? old.Notional : null,
        };
        state.Save(old with { Status = OrderStatus.Replaced, ReplacedById = replacement.Id, ReplacedAt = at, UpdatedAt = at });
        Record(replacement);
        lifecycle.Accept(replacement, now);
        foreach (var relative in OrderLinks.Relink(old, replacement, state.Orders, at).ToList()) state.Save(relative);

        WorkAtOnce(replacement.Id, now);
        return new BookResult(state.Orders.Get(replacement.Id), null, state.TakeEvents());
    }

    /// <summary>Validation, then the instrument's bounds: a request that fails either records nothing.</summary>
    public OrderError? Screen(OrderRequest r, InstrumentSpec? spec) =>
        OrderValidator.Validate(r, spec)
        ?? OrderBounds.Check(r, spec!, state.QuoteOf(spec!.Symbol), state.Ledger.QuantityOf(spec.Symbol));

    /// <summary>
    /// A new or replacing order meets the latest quote: market and marketable limit orders fill now, while the
    /// market is open. Stops wait for the next quote, opg and cls orders for their open or close. Ioc cancels what did
    /// not fill; fok fills all or nothing.
    /// </summary>
    private void WorkAtOnce(string orderId, DateTimeOffset now)
    {
        var o = state.Orders.Get(orderId);
        var quote = state.QuoteOf(o.Symbol);
        var open = TradingCalendar.IsOpen(state.Instrument(o.Symbol).Hours, now);
        if (quote is not null && open && !TriggerRules.NeedsTrigger(o) && !AuctionOrders.IsAuction(o.TimeInForce))
            fills.TryFill(o, quote, now, allOrNone: o.TimeInForce == TimeInForce.Fok);
        if (o.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok) lifecycle.Cancel(orderId, now);
    }

    private void Record(Order o)
    {
        state.Orders.Add(o);
        if (o.Status != OrderStatus.New) state.Emit(new OrderChanged(o));
    }

    private static OrderRequest Merge(Order o, ReplaceRequest change)
    {
        // Giving one of trail amount or percent switches the trailing stop to it.
        var (amount, percent) = change switch
        {
            { TrailAmount: { } a } => ((decimal?)a, change.TrailPercent),
            { TrailPercent: { } p } => (null, (decimal?)p),
            _ => (o.TrailAmount, o.TrailPercent),
        };
        var stop = o.Type == OrderType.TrailingStop ? change.StopPrice : change.StopPrice ?? o.StopPrice;
        return new OrderRequest(
            o.Symbol, o.Side, o.Type, change.Quantity ?? o.Quantity, change.TimeInForce ?? o.TimeInForce,
            change.LimitPrice ?? o.LimitPrice, stop, amount, percent);
    }
}
