using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;

namespace Crucible.Grains.Trading;

/// <summary>The status transitions that are not fills: accepting, ending (cancel, expire) and the links they set off.</summary>
internal sealed class OrderLifecycle(BookState state)
{
    /// <summary>
    /// Makes an order working: stamps its acceptance, its day expiry and a trailing stop's first watermark. The expiry
    /// is the close of the session of <paramref name="now"/> itself, not of its stamp. A day, opg or cls order ends with
    /// that session (a cls order executes there; an opg order placed while closed targets the next session).
    /// </summary>
    public Order Accept(Order o, DateTimeOffset now)
    {
        var spec = state.Instrument(o.Symbol);
        var endsWithSession = o.TimeInForce is TimeInForce.Day || AuctionOrders.IsAuction(o.TimeInForce);
        var expires = endsWithSession ? TradingCalendar.SessionEnd(spec.Hours, now) : (DateTimeOffset?)null;
        o = o with { Status = OrderStatus.Accepted, UpdatedAt = state.Clock.Stamp(now), ExpiresAt = expires };
        if (state.QuoteOf(o.Symbol) is { } quote) o = TriggerRules.Trail(o, quote, spec);
        state.Orders.StampAccepted(o.Id);
        return state.Save(o);
    }

    public void Cancel(string id, DateTimeOffset now) => End(id, OrderStatus.Canceled, now, handOver: true);

    public void Expire(string id, DateTimeOffset now) => End(id, OrderStatus.Expired, now, handOver: true);

    /// <summary>Cancels an order as it stands: a bracket entry does not hand over to its legs (settlement ends them all).</summary>
    public void CancelAsIs(string id, DateTimeOffset now) => End(id, OrderStatus.Canceled, now, handOver: false);

    /// <summary>After a fill: the other leg is canceled (even on a partial fill); a filled bracket entry releases its legs.</summary>
    public void AfterFill(Order o, DateTimeOffset now)
    {
        foreach (var other in OrderLinks.OtherLegs(o, state.Orders))
            if (state.Orders.Get(other).IsWorking) Cancel(other, now);
        if (OrderLinks.IsBracketEntry(o) && o.Status == OrderStatus.Filled) ReleaseLegs(o, now);
    }

    private void End(string id, OrderStatus status, DateTimeOffset now, bool handOver)
    {
        var o = state.Orders.Get(id);
        if (!o.IsWorking) return;
        var at = state.Clock.Stamp(now);
        o = status == OrderStatus.Expired
            ? o with { Status = status, UpdatedAt = at, ExpiredAt = at }
            : o with { Status = status, UpdatedAt = at, CanceledAt = at };
        state.Save(o);
        if (handOver && OrderLinks.IsBracketEntry(o)) ReleaseLegs(o, now);
    }

    /// <summary>Held legs work for what the entry filled, or are canceled when it filled nothing.</summary>
    private void ReleaseLegs(Order entry, DateTimeOffset now)
    {
        foreach (var legId in entry.LegIds)
        {
            var leg = state.Orders.Get(legId);
            if (leg.Status != OrderStatus.Held) continue;
            if (entry.FilledQuantity == 0m) Cancel(legId, now);
            else Accept(leg with { Quantity = entry.FilledQuantity }, now);
        }
    }
}
