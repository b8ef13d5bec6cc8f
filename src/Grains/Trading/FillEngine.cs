using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets.Simulation;

namespace Crucible.Grains.Trading;

/// <summary>Matches one working order against a quote and books what fills: the fill, the position, the order.</summary>
internal sealed class FillEngine(BookState state, OrderLifecycle lifecycle)
{
    /// <summary>A resting order meets a new quote: trailing stops move, stops trigger, then it fills if it can.</summary>
    public void OnQuote(Order o, Quote quote)
    {
        var spec = state.Instrument(o.Symbol);
        var trailed = TriggerRules.Trail(o, quote, spec);
        if (trailed != o)
        {
            // The watermark and stop price are visible, so updatedAt moves with them.
            o = trailed with { UpdatedAt = state.Clock.Stamp(quote.Time) };
            state.Orders.Put(o);
            state.Emit(new OrderTrailed(o));
        }

        if (TriggerRules.NeedsTrigger(o) && !o.Triggered && TriggerRules.StopReached(o, quote))
            o = state.Save(o with { Triggered = true, UpdatedAt = state.Clock.Stamp(quote.Time) });
        TryFill(o, quote, quote.Time, allOrNone: false);
    }

    /// <summary>
    /// Fills as much of the order as the touch allows when it is marketable. With <paramref name="allOrNone"/>
    /// nothing fills unless the whole remaining quantity can. Returns whether anything filled.
    /// </summary>
    public bool TryFill(Order o, Quote quote, DateTimeOffset time, bool allOrNone)
    {
        if (!OrderStore.IsResting(o) || !TriggerRules.IsMarketable(o, quote)) return false;
        var spec = state.Instrument(o.Symbol);
        var quantity = o.RemainingQuantity;
        if (state.Liquidity.Available(o.Symbol, o.Side) is { } shown)
            quantity = Math.Min(quantity, PriceGrid.FloorToLots(Math.Max(shown, 0m), spec.LotSize));
        if (quantity <= 0m || (allOrNone && quantity < o.RemainingQuantity)) return false;

        var price = TriggerRules.FillPrice(o, quote, spec, quantity, state.Slippage);
        Execute(o, spec, quantity, price, time, quote);
        return true;
    }

    private void Execute(Order o, InstrumentSpec spec, decimal quantity, decimal price, DateTimeOffset time, Quote quote)
    {
        // The largest products the fill forms (its notional, the position's after it) are computed before anything
        // changes: if one could overflow, the order fails here and the book is untouched.
        _ = quantity * price * spec.Multiplier + (Math.Abs(state.Ledger.QuantityOf(o.Symbol)) + quantity) * price * spec.Multiplier;
        var at = state.Clock.Stamp(time);
        var commission = state.Commission.For(spec, quantity, price);
        var signed = o.Side == OrderSide.Buy ? quantity : -quantity;
        var (realized, position) = state.Ledger.Apply(spec, signed, price, commission, quote);
        var fill = new Fill(state.NextFillId(), o.Id, o.Symbol, o.Side, quantity, price, commission, realized, at, quote.Sequence);
        state.Fills.Add(fill);
        state.Liquidity.Take(o.Symbol, o.Side, quantity);
        var after = AccountValuation.Of(state);
        state.Emit(new FillExecuted(fill, after.Balance, after.Equity, after.Positions.Count > 0));
        state.Emit(new PositionChanged(position));

        var filled = o.FilledQuantity + quantity;
        var average = ((o.AverageFillPrice ?? 0m) * o.FilledQuantity + price * quantity) / filled;
        var done = filled == o.Quantity;
        o = state.Save(o with
        {
            FilledQuantity = filled,
            AverageFillPrice = average,
            Status = done ? OrderStatus.Filled : OrderStatus.PartiallyFilled,
            UpdatedAt = at,
            FilledAt = done ? at : null,
        });
        lifecycle.AfterFill(o, time);
    }
}
