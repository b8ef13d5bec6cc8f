using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

// Quotes, triggers, fills, time in force, and what a fill does to its order's relatives.
public sealed partial class ReferenceBroker
{
    public void ApplyQuote(Quote quote)
    {
        var spec = findInstrument(quote.Symbol);
        if (spec is null) return;
        if (quotes.TryGetValue(quote.Symbol, out var previous) && quote.Sequence <= previous.Sequence) return;

        // The clock check first: a cls order whose close has come takes the quote before this one (and its sizes).
        ExpireDayOrders(quote.Time);
        quotes[quote.Symbol] = quote;
        bidSizeLeft[quote.Symbol] = quote.BidSize;
        askSizeLeft[quote.Symbol] = quote.AskSize;

        if (quote.Settlement is { } settlement)
        {
            Settle(spec, settlement, quote.Time);
            return;
        }

        // Only orders accepted before this quote arrived work on it, oldest acceptance first.
        var due = orders
            .Where(o => o.Symbol == quote.Symbol && o.Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled)
            .OrderBy(o => acceptedOrder[o.Id])
            .Select(o => o.Id)
            .ToList();
        foreach (var id in due)
        {
            var order = FindOrder(id)!;
            if (order.Status is not (OrderStatus.Accepted or OrderStatus.PartiallyFilled) || order.TimeInForce == TimeInForce.Cls) continue;
            if (order.TimeInForce == TimeInForce.Opg) WorkOnOpen(order, quote, spec);
            else Work(order, quote, spec);
        }
    }

    public void AdvanceTime(DateTimeOffset now) => ExpireDayOrders(now);

    private void ExpireDayOrders(DateTimeOffset now)
    {
        // Oldest acceptance first: cls orders closing together share the last quote's displayed size in that order.
        var due = orders
            .Where(o => o.Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled
                && (o.TimeInForce == TimeInForce.Day || IsOnOpenOrClose(o.TimeInForce))
                && o.ExpiresAt <= now)
            .OrderBy(o => acceptedOrder[o.Id])
            .Select(o => o.Id)
            .ToList();
        foreach (var id in due)
        {
            var order = FindOrder(id)!;
            if (order.TimeInForce == TimeInForce.Cls) ExecuteAtClose(order);
            order = FindOrder(id)!;
            if (order.IsWorking) Finish(order, OrderStatus.Expired, now);
        }
    }

    /// <summary>
    /// A cls order at its close (its expiry): against the symbol's latest quote if the closing session showed it, at the
    /// close itself, like a market or limit order.
    /// </summary>
    private void ExecuteAtClose(Order order)
    {
        var spec = findInstrument(order.Symbol)!;
        var close = order.ExpiresAt!.Value;
        if (!quotes.TryGetValue(order.Symbol, out var last)) return;
        if (last.Time < SessionClock.StartOfSessionEndingAt(spec, close) || last.Time > close) return;
        TryFill(order, last, spec, close);
    }

    /// <summary>An opg order executes on the first quote inside a session at or after its creation; the rest expires then.</summary>
    private void WorkOnOpen(Order order, Quote quote, InstrumentSpec spec)
    {
        if (quote.Time < order.CreatedAt || !isOpen(spec, quote.Time)) return;
        TryFill(order, quote, spec, quote.Time);
        order = FindOrder(order.Id)!;
        if (order.IsWorking) Finish(order, OrderStatus.Expired, quote.Time);
    }

    /// <summary>Moves a trailing stop, triggers stops, then fills whatever the quote makes executable.</summary>
    private void Work(Order order, Quote quote, InstrumentSpec spec)
    {
        var buy = order.Side == OrderSide.Buy;
        if (order.Type == OrderType.TrailingStop && !order.Triggered)
        {
            var touch = buy ? quote.Ask : quote.Bid;
            var watermark = order.Watermark is not { } w ? touch : buy ? Math.Min(w, touch) : Math.Max(w, touch);
            if (watermark != order.Watermark)
            {
                order = order with { Watermark = watermark, StopPrice = TrailingStop(order, watermark, spec), UpdatedAt = Stamp(quote.Time) };
                Store(order);
            }
        }

        if (order.Type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop && !order.Triggered)
        {
            var triggers = buy ? quote.Ask >= order.StopPrice : quote.Bid <= order.StopPrice;
            if (!triggers) return;
            order = order with { Triggered = true, UpdatedAt = Stamp(quote.Time) };
            Store(order);
        }

        TryFill(order, quote, spec, quote.Time);
    }

    /// <summary>Market and marketable limit orders fill against the latest quote when placed, if the market is open.</summary>
    private void FillAtSubmission(string orderId, InstrumentSpec spec, DateTimeOffset now)
    {
        var order = FindOrder(orderId)!;
        quotes.TryGetValue(order.Symbol, out var quote);
        var canFill = quote is not null && isOpen(spec, now) && order.Type is OrderType.Market or OrderType.Limit && !IsOnOpenOrClose(order.TimeInForce);

        if (order.TimeInForce == TimeInForce.Fok && (!canFill || Executable(order, quote!) is null || Available(order) < order.Quantity))
        {
            Finish(order, OrderStatus.Canceled, now);
            return;
        }

        if (canFill) TryFill(order, quote!, spec, now);

        order = FindOrder(orderId)!;
        if (order.TimeInForce == TimeInForce.Ioc && order.IsWorking) Finish(order, OrderStatus.Canceled, now);
    }

    /// <summary>The fill price before slippage, or null when the order cannot execute on this quote.</summary>
    private static decimal? Executable(Order order, Quote quote)
    {
        var buy = order.Side == OrderSide.Buy;
        return order.Type switch
        {
            OrderType.Market => buy ? quote.Ask : quote.Bid,
            OrderType.Limit => Marketable(order, quote),
            OrderType.StopLimit => order.Triggered ? Marketable(order, quote) : null,
            // A triggered stop is a market order (docs/trading.md "Stop"): the touch, whatever the stop price was.
            _ => !order.Triggered ? null : buy ? quote.Ask : quote.Bid,
        };
    }

    private static decimal? Marketable(Order order, Quote quote) => order.Side == OrderSide.Buy
        ? (quote.Ask <= order.LimitPrice ? quote.Ask : null)
        : (quote.Bid >= order.LimitPrice ? quote.Bid : null);

    /// <summary>
    /// What the touch still shows for this order's side, in whole lots: unlimited unless fills are limited to the
    /// top of book.
    /// </summary>
    private decimal Available(Order order)
    {
        if (!terms.LimitFillsToTopOfBook) return decimal.MaxValue;
        var left = order.Side == OrderSide.Buy ? askSizeLeft.GetValueOrDefault(order.Symbol) : bidSizeLeft.GetValueOrDefault(order.Symbol);
        if (left is not { } size) return decimal.MaxValue;
        var lot = findInstrument(order.Symbol)!.LotSize;
        return Math.Max(0m, Math.Floor(size / lot) * lot);
    }

    private void TryFill(Order order, Quote quote, InstrumentSpec spec, DateTimeOffset time)
    {
        if (Executable(order, quote) is not { } touchPrice) return;
        var quantity = Math.Min(order.RemainingQuantity, Available(order));
        if (quantity <= 0) return;

        var executesAtMarket = order.Type is OrderType.Market or OrderType.Stop or OrderType.TrailingStop;
        var price = executesAtMarket ? WithSlippage(touchPrice, order.Side, quantity, spec) : touchPrice;
        Execute(order, quantity, price, quote, spec, time);
    }

    private decimal WithSlippage(decimal touch, OrderSide side, decimal quantity, InstrumentSpec spec)
    {
        var bps = terms.Slippage.FixedBps + terms.Slippage.BpsPerLot * (quantity / spec.LotSize);
        var slipped = side == OrderSide.Buy ? touch + touch * bps / 10_000m : touch - touch * bps / 10_000m;
        var ticks = slipped / spec.TickSize;
        // Against the trader: a buy pays up to the next tick, a sell receives down to the previous one.
        return (side == OrderSide.Buy ? Math.Ceiling(ticks) : Math.Floor(ticks)) * spec.TickSize;
    }

    private void Execute(Order order, decimal quantity, decimal price, Quote quote, InstrumentSpec spec, DateTimeOffset moment)
    {
        var time = Stamp(moment);
        var schedule = terms.CommissionFor(spec.Kind);
        var commission = Money(schedule.PerUnit * quantity + price * quantity * spec.Multiplier * schedule.Bps / 10_000m);
        var signed = order.Side == OrderSide.Buy ? quantity : -quantity;
        var realized = ApplyToHolding(order.Symbol, signed, price, spec.Multiplier);

        fills.Add(new Fill($"F-{fills.Count + 1}", order.Id, order.Symbol, order.Side, quantity, price, commission, realized, time, quote.Sequence));
        realizedPnl += realized;
        commissionsPaid += commission;
        if (order.Side == OrderSide.Buy) askSizeLeft[order.Symbol] -= quantity;
        else bidSizeLeft[order.Symbol] -= quantity;

        var filled = order.FilledQuantity + quantity;
        var averagePrice = ((order.AverageFillPrice ?? 0m) * order.FilledQuantity + price * quantity) / filled;
        var complete = filled == order.Quantity;
        order = order with
        {
            FilledQuantity = filled,
            AverageFillPrice = averagePrice,
            Status = complete ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
            FilledAt = complete ? time : null,
            UpdatedAt = time,
        };
        Store(order);

        CancelOtherSide(order, moment);
        if (complete && IsBracketEntry(order)) ActivateLegs(order, spec, moment);
    }

    /// <summary>An exit of an OCO or of a bracket that fills, even partly, cancels its other leg.</summary>
    private void CancelOtherSide(Order order, DateTimeOffset moment)
    {
        List<string> others = [];
        if (order.Class == OrderClass.Oco) others = order.ParentId is null ? [.. order.LegIds] : [order.ParentId];
        if (order.Class == OrderClass.Bracket && order.ParentId is not null)
            others = [.. FindOrder(order.ParentId)!.LegIds.Where(id => id != order.Id)];

        foreach (var id in others)
        {
            var other = FindOrder(id)!;
            if (other.IsWorking) Store(other with { Status = OrderStatus.Canceled, CanceledAt = Stamp(moment), UpdatedAt = Stamp(moment) });
        }
    }

    private static bool IsBracketEntry(Order order) => order.Class == OrderClass.Bracket && order.ParentId is null;

    /// <summary>A bracket's legs start working for the quantity the entry filled.</summary>
    private void ActivateLegs(Order entry, InstrumentSpec spec, DateTimeOffset time)
    {
        foreach (var legId in entry.LegIds)
        {
            var leg = FindOrder(legId)!;
            if (leg.Status != OrderStatus.Held) continue;
            Store(leg with { Quantity = entry.FilledQuantity });
            Accept(legId, spec, time);
        }
    }

    /// <summary>Ends a working order as canceled or expired; a bracket entry that ends hands over to its legs.</summary>
    private void Finish(Order order, OrderStatus status, DateTimeOffset moment)
    {
        var time = Stamp(moment);
        order = status == OrderStatus.Canceled
            ? order with { Status = status, CanceledAt = time, UpdatedAt = time }
            : order with { Status = status, ExpiredAt = time, UpdatedAt = time };
        Store(order);
        if (!IsBracketEntry(order)) return;

        if (order.FilledQuantity > 0)
        {
            ActivateLegs(order, findInstrument(order.Symbol)!, moment);
            return;
        }

        foreach (var legId in order.LegIds)
        {
            var leg = FindOrder(legId)!;
            if (leg.Status == OrderStatus.Held) Store(leg with { Status = OrderStatus.Canceled, CanceledAt = time, UpdatedAt = time });
        }
    }

    private static decimal TrailingStop(Order order, decimal watermark, InstrumentSpec spec)
    {
        var sell = order.Side == OrderSide.Sell;
        if (order.TrailAmount is { } amount) return sell ? watermark - amount : watermark + amount;

        var percent = order.TrailPercent!.Value;
        var ticks = watermark * (sell ? 1 - percent / 100m : 1 + percent / 100m) / spec.TickSize;
        return (sell ? Math.Floor(ticks) : Math.Ceiling(ticks)) * spec.TickSize;
    }

    /// <summary>A prediction contract's settlement closes its position at the settlement value and ends its orders.</summary>
    private void Settle(InstrumentSpec spec, decimal value, DateTimeOffset moment)
    {
        var holding = holdings.FirstOrDefault(h => h.Symbol == spec.Symbol);
        if (holding is not null)
        {
            // The settlement is written down (its time is stamped) only when it closes a position.
            Stamp(moment);
            var perUnit = holding.Quantity > 0 ? value - holding.AverageEntryPrice : holding.AverageEntryPrice - value;
            realizedPnl += Money(perUnit * Math.Abs(holding.Quantity) * spec.Multiplier);
            holdings.Remove(holding);
        }

        for (var i = 0; i < orders.Count; i++)
        {
            var order = orders[i];
            if (order.Symbol == spec.Symbol && order.IsWorking)
                orders[i] = order with { Status = OrderStatus.Canceled, CanceledAt = Stamp(moment), UpdatedAt = Stamp(moment) };
        }
    }
}
