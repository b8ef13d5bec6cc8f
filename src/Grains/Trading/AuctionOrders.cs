using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Crucible.Grains.Markets;

namespace Crucible.Grains.Trading;

/// <summary>
/// The rules of <c>opg</c> (on the open) and <c>cls</c> (at the close) orders, docs/trading.md "Time in force". Crucible
/// simulates no auction book, so each executes once against a quote the market really showed, like a market or limit order:
/// opg on the first quote of the session that opens after it was placed, cls on the last quote of its session at the
/// close. What is left after that one execution expires. Only instruments with trading hours have an open and a close
/// (crypto trades around the clock and is refused, as Alpaca refuses it).
/// </summary>
internal static class AuctionOrders
{
    public static bool IsAuction(TimeInForce timeInForce) => timeInForce is TimeInForce.Opg or TimeInForce.Cls;

    /// <summary>Validation: simple market or limit orders of an instrument with trading hours.</summary>
    public static OrderError? Validate(OrderRequest r, InstrumentSpec spec)
    {
        if (!IsAuction(r.TimeInForce)) return null;
        var name = Name(r.TimeInForce);
        if (spec.Hours is null)
            return Refusal($"{name} orders execute at a session's {(r.TimeInForce == TimeInForce.Opg ? "open" : "close")}; {spec.Symbol} trades around the clock and has neither: use day, gtc, ioc or fok");
        if (r.Type is not (OrderType.Market or OrderType.Limit) || r.Class != OrderClass.Simple)
            return Refusal($"{name} is for simple market and limit orders only");
        return null;
    }

    /// <summary>
    /// At submission (and replacement): an opg order is taken only while its market is closed, so that it has an open to wait
    /// for. While the session runs, its open has passed (Alpaca likewise rejects opg orders after its opening auction's cut-off).
    /// </summary>
    public static OrderError? RefuseAt(OrderRequest r, InstrumentSpec spec, DateTimeOffset now) =>
        r.TimeInForce == TimeInForce.Opg && TradingCalendar.IsOpen(spec.Hours, now)
            ? Refusal($"opg orders are taken only while {spec.Symbol}'s market is closed, to execute at the next open; the session is open now")
            : null;

    /// <summary>
    /// Whether an opg order executes on <paramref name="quote"/>: the first quote inside a session that the book sees after the
    /// order was placed (it was placed while the market was closed, so that session opened after it).
    /// </summary>
    public static bool OpensOn(Order o, Quote quote, InstrumentSpec spec) =>
        quote.Time >= o.CreatedAt && TradingCalendar.IsOpen(spec.Hours, quote.Time);

    /// <summary>
    /// The quote a cls order executes against at its close (<see cref="Order.ExpiresAt"/>): the latest quote of its symbol, when
    /// that quote was shown during the closing session (at or after its open, at or before its close). Null when the market
    /// showed no price in that session: the order then expires unfilled.
    /// </summary>
    public static Quote? ClosingQuote(Order o, Quote? latest, InstrumentSpec spec)
    {
        if (latest is null || o.ExpiresAt is not { } close || spec.Hours is null) return null;
        var (open, _) = TradingCalendar.Session(spec.Hours, close.AddTicks(-1));
        return latest.Time >= open && latest.Time <= close ? latest : null;
    }

    private static string Name(TimeInForce timeInForce) => timeInForce == TimeInForce.Opg ? "opg" : "cls";

    private static OrderError Refusal(string detail) =>
        new(OrderErrorCode.TimeInForceNotAllowed, "timeInForce", $"{OrderErrors.Describe(OrderErrorCode.TimeInForceNotAllowed)} (timeInForce: {detail})");
}
