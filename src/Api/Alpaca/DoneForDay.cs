using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;

namespace Crucible.Api.Alpaca;

/// <summary>
/// Alpaca's <c>done_for_day</c>: "the order is done executing for the day, and will not receive further updates until
/// the next trading day". Crucible's book has that moment for a gtc order still working when its instrument's session
/// closes (a day order expires then instead, and a 24/7 instrument never closes): it stays working, but no quote can
/// reach it before the next open. Pure: given the working orders and their instruments, when the next such close comes
/// and which orders it ends the day for.
/// </summary>
public static class DoneForDay
{
    public static (DateTimeOffset At, IReadOnlyList<Order> Orders)? Next(IEnumerable<Order> working, Func<string, InstrumentSpec?> instrument, DateTimeOffset now)
    {
        var closes = working
            .Where(o => o.TimeInForce == TimeInForce.Gtc && o.Status is OrderStatus.Accepted or OrderStatus.New or OrderStatus.PartiallyFilled)
            .Select(o => (Order: o, Hours: instrument(o.Symbol)?.Hours))
            .Where(x => x.Hours is not null)
            .Select(x => (x.Order, Close: TradingCalendar.SessionEnd(x.Hours, now)))
            .Where(x => x.Close != DateTimeOffset.MaxValue)
            .ToList();
        if (closes.Count == 0) return null;
        var next = closes.Min(x => x.Close);
        return (next, closes.Where(x => x.Close == next).Select(x => x.Order).ToList());
    }
}
