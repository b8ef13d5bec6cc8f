using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>What the passing of time and prices does to the book: day orders expire, resting orders work, contracts settle.</summary>
internal sealed class MarketActivity(BookState state, OrderLifecycle lifecycle, FillEngine fills)
{
    public void ApplyQuote(Quote quote)
    {
        if (state.Quotes.TryGetValue(quote.Symbol, out var latest) && quote.Sequence <= latest.Sequence) return;
        // The clock check comes before the quote replaces the latest one: a cls order whose close has come executes against
        // the last quote at or before its close, never one after it.
        ExpireDue(quote.Time);
        state.Quotes[quote.Symbol] = quote;
        state.Liquidity.Reset(quote);

        if (quote.Settlement is { } value)
        {
            Settle(quote.Symbol, value, quote.Time, quote.Sequence);
            return;
        }

        // Orders accepted while this quote is worked (released bracket legs) start working on the next one.
        var acceptedBefore = state.Orders.NextAcceptance;
        foreach (var resting in state.Orders.Resting(quote.Symbol))
        {
            var o = state.Orders.Get(resting.Id);
            if (OrderStore.IsResting(o) && state.Orders.AcceptanceOf(o.Id) < acceptedBefore) Work(o, quote);
        }
    }

    /// <summary>
    /// One resting order meets the quote. The bounds (<see cref="OrderBounds"/>) keep every admitted order's arithmetic
    /// far inside decimal's range; should one still overflow, that order is canceled as it stands and the account
    /// goes on: one order must never stop an account's quotes. The fill checks its numbers before changing anything.
    /// </summary>
    private void Work(Order o, Quote quote)
    {
        try
        {
            // A cls order works only at its close (ExpireDue); an opg order only on its open.
            if (o.TimeInForce == TimeInForce.Opg) OnOpen(o, quote);
            else if (o.TimeInForce != TimeInForce.Cls) fills.OnQuote(o, quote);
        }
        catch (OverflowException)
        {
            lifecycle.CancelAsIs(o.Id, quote.Time);
        }
    }

    /// <summary>An opg order executes once, on the first quote of its session, like a market or limit order; the rest expires.</summary>
    private void OnOpen(Order o, Quote quote)
    {
        if (!AuctionOrders.OpensOn(o, quote, state.Instrument(o.Symbol))) return;
        fills.TryFill(o, quote, quote.Time, allOrNone: false);
        lifecycle.Expire(o.Id, quote.Time);
    }

    /// <summary>
    /// Orders whose session closed at or before <paramref name="now"/> expire, oldest accepted first; a cls order first
    /// executes at its close against the last quote of its session, and what it did not fill expires.
    /// </summary>
    public void ExpireDue(DateTimeOffset now)
    {
        foreach (var o in state.Orders.Resting())
        {
            if (o.ExpiresAt is not { } expiry || expiry > now) continue;
            if (o.TimeInForce == TimeInForce.Cls) AtClose(state.Orders.Get(o.Id), expiry);
            lifecycle.Expire(o.Id, now);
        }
    }

    /// <summary>The fill happens at the close itself (stamped, see docs/trading.md "Times"), at that quote's touch.</summary>
    private void AtClose(Order o, DateTimeOffset close)
    {
        if (AuctionOrders.ClosingQuote(o, state.QuoteOf(o.Symbol), state.Instrument(o.Symbol)) is not { } quote) return;
        try
        {
            fills.TryFill(o, quote, close, allOrNone: false);
        }
        catch (OverflowException)
        {
            lifecycle.CancelAsIs(o.Id, close);
        }
    }

    /// <summary>The position closes at the settlement value without commission; then the contract's working orders are canceled.</summary>
    private void Settle(string symbol, decimal value, DateTimeOffset now, long quoteSequence)
    {
        var held = state.Ledger.QuantityOf(symbol);
        var realizedBefore = state.Ledger.RealizedPnl;
        if (state.Ledger.Settle(symbol, value) is { } closed)
        {
            state.Emit(new ContractSettled(symbol, value, state.Clock.Stamp(now), held, state.Ledger.RealizedPnl - realizedBefore, quoteSequence));
            state.Emit(new PositionChanged(closed));
        }
        foreach (var o in state.Orders.Working.Where(o => o.Symbol == symbol))
            lifecycle.CancelAsIs(o.Id, now);
    }
}
