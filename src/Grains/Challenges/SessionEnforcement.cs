using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;
using Crucible.Grains.Trading;

namespace Crucible.Grains.Challenges;

/// <summary>What the session rules did to the book: rule events to publish first, then the book's changes (fills to observe).</summary>
public sealed record SessionActions(IReadOnlyList<RuleEvent> Events, IReadOnlyList<BookEvent> Changes);

/// <summary>
/// The session rules acting on the book (docs/rules.md "Session rules"), asked by the position book after every step,
/// like the breach flatten: after a flat-by or weekend close, cancel the working orders and close every position at
/// market; from a position's stop-loss deadline on, close it at market whenever it has no working stop; record a
/// resting order's fill inside a news blackout as evidence. None of these fails the phase. The closing fills are the
/// trader's fills (day P&amp;L, trades), not liquidations: the account was trading, and the firm closed it on schedule.
/// </summary>
internal static class SessionEnforcement
{
    public static SessionActions Enforce(PhaseEvaluation evaluation, TradingBook book, DateTimeOffset now)
    {
        var changes = new List<BookEvent>();
        // An ended or blocked phase is flattened whole by the breach flatten; only evidence is left to publish.
        if (!evaluation.IsActive || evaluation.TradingBlocked) return new(evaluation.TakeUnreported(), changes);
        var session = evaluation.Session;

        // A fill inside a blackout is a violation when a resting order made it (one placed before the fill's instant).
        foreach (var candidate in session.TakeBlackoutFills())
            if (book.FindOrder(candidate.Fill.OrderId) is { } order && order.CreatedAt < candidate.Fill.Time)
                evaluation.RecordEvidence(candidate.Evidence);

        if (session.FlattenPending)
        {
            var positions = book.Positions.Count;
            var working = book.WorkingOrders.Count;
            var flatten = book.Flatten(now);
            if (flatten.Count > 0)
            {
                var closed = positions - book.Positions.Count;
                evaluation.RecordSession(now, session.FlatRule, RuleEventKind.Flattened, closed, 0m,
                    $"{(session.FlatRule == "weekendHolding" ? "weekend close" : "flat-by time")}: {closed} of {positions} positions closed at market, " +
                    $"{working} working orders canceled" + (session.FlatUntil is { } until ? $"; opening orders are refused until {until:O}" : ""));
                changes.AddRange(flatten);
            }
            // A position whose market is closed stays pending until its first quote once open.
            if (book.Positions.Count == 0) session.FlattenPending = false;
        }

        var minutes = evaluation.Evaluation.Rules.Limits.StopLossWithinMinutes ?? 0;
        foreach (var (symbol, openedAt) in session.OverdueForStop())
        {
            var quantity = book.QuantityOf(symbol);
            if (quantity == 0m || HasWorkingStop(book, symbol, quantity)) continue;
            if (book.FindInstrument(symbol) is not { } spec || !book.Quotes.ContainsKey(symbol) || !TradingCalendar.IsOpen(spec.Hours, now))
                continue;
            evaluation.RecordSession(now, "stopLossWithin", RuleEventKind.Violation, (decimal)(now - openedAt).TotalMinutes, minutes,
                $"{quantity} {symbol} opened at {openedAt:O} had no working stop-loss {minutes} minutes later: closed at market", symbol);
            changes.AddRange(book.ClosePosition(symbol, now).Events);
        }
        return new(evaluation.TakeUnreported(), changes);
    }

    /// <summary>A working stop, stop-limit or trailing stop on the other side of the position protects it.</summary>
    private static bool HasWorkingStop(TradingBook book, string symbol, decimal quantity)
    {
        var exit = quantity > 0m ? OrderSide.Sell : OrderSide.Buy;
        return book.WorkingOrders.Any(o => o.Symbol == symbol && o.Side == exit
            && o.Type is OrderType.Stop or OrderType.StopLimit or OrderType.TrailingStop);
    }
}
