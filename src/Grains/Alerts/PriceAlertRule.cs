using Crucible.Grains.Interfaces.Alerts;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Alerts;

/// <summary>
/// When a quote fires an alert (docs/alerts.md "Conditions"). A price is on a side of the level: −1 below, 0 at it, +1
/// above. Above and below look at the quote alone; a cross compares it with the side of the last quote seen before it, so
/// it needs a quote strictly on the other side first (one created at the level waits for the price to leave it).
/// </summary>
public static class PriceAlertRule
{
    /// <summary>The watched price: the bid, the ask, or the mid (bid + ask) / 2, exact in decimal.</summary>
    public static decimal PriceOf(Quote quote, PriceAlertSource source) => source switch
    {
        PriceAlertSource.Bid => quote.Bid,
        PriceAlertSource.Ask => quote.Ask,
        _ => (quote.Bid + quote.Ask) / 2m,
    };

    public static int SideOf(decimal price, decimal level) => Math.Sign(price - level);

    /// <summary>Whether a quote on <paramref name="side"/> fires the condition, the previous quote having been on <paramref name="previous"/> (null: none seen).</summary>
    public static bool Fires(PriceAlertCondition condition, int? previous, int side) => condition switch
    {
        PriceAlertCondition.Above => side >= 0,
        PriceAlertCondition.Below => side <= 0,
        PriceAlertCondition.CrossesUp => previous == -1 && side >= 0,
        PriceAlertCondition.CrossesDown => previous == 1 && side <= 0,
        PriceAlertCondition.Crosses => (previous == -1 && side >= 0) || (previous == 1 && side <= 0),
        _ => false,
    };

    /// <summary>Whether the condition looks at the previous quote's side (so that side must survive a restart).</summary>
    public static bool IsCross(PriceAlertCondition condition) =>
        condition is PriceAlertCondition.CrossesUp or PriceAlertCondition.CrossesDown or PriceAlertCondition.Crosses;
}
