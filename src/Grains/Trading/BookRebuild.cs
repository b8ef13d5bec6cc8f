using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// Rebuilds a book from its journal: the events it reported, in order (docs/durability.md). Every order's states,
/// every fill and every settlement are in it, so replaying them restores the orders (with their creation and
/// acceptance order, which decides which resting order fills first), the positions at average cost, the cash and
/// the id counters exactly, and the book's clock (its latest stamp: an order's updatedAt is its latest) so that
/// its times go on without going back. Prices are not journal: the caller gives the latest quotes (the feeds' own).
/// </summary>
internal static class BookRebuild
{
    public static void Replay(BookState state, IEnumerable<BookEvent> journal, IEnumerable<Quote> latestQuotes)
    {
        var fills = new List<Fill>();
        foreach (var entry in journal)
        {
            switch (entry)
            {
                case OrderChanged changed:
                    state.Orders.Replay(changed.Order);
                    state.Clock.Restore(changed.Order.UpdatedAt);
                    break;
                case OrderTrailed trailed:
                    state.Orders.Replay(trailed.Order);
                    state.Clock.Restore(trailed.Order.UpdatedAt);
                    break;
                case FillExecuted executed:
                    var fill = executed.Fill;
                    var signed = fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
                    state.Ledger.Apply(state.Instrument(fill.Symbol), signed, fill.Price, fill.Commission, null);
                    state.Fills.Add(fill);
                    state.RestoreFillNumber(fill.Id);
                    state.Clock.Restore(fill.Time);
                    fills.Add(fill);
                    break;
                case ContractSettled settled:
                    state.Ledger.Settle(settled.Symbol, settled.Price);
                    state.Clock.Restore(settled.Time);
                    break;
                case PositionChanged:
                    // A position is what its fills and settlements made it.
                    break;
                default:
                    throw new InvalidOperationException($"a journal cannot hold {entry.GetType().Name}");
            }
        }

        foreach (var quote in latestQuotes)
        {
            state.Quotes[quote.Symbol] = quote;
            state.Liquidity.Reset(quote);
            // What fills on this very quote already took from its displayed size stays taken.
            foreach (var fill in fills.Where(f => f.Symbol == quote.Symbol && f.QuoteSequence == quote.Sequence))
                state.Liquidity.Take(fill.Symbol, fill.Side, fill.Quantity);
        }
    }
}
