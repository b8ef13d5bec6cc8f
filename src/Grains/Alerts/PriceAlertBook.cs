using Crucible.Grains.Interfaces.Alerts;
using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Alerts;

/// <summary>
/// One user's alerts and their evaluation: create from the symbol's current quote, delete, and observe each later quote in
/// feed order, firing an armed alert once, on the first quote that meets its condition. Pure; the grain stores
/// <see cref="All"/> and publishes what <see cref="Observe"/> fired.
/// </summary>
public sealed class PriceAlertBook(List<AlertWatch> watches)
{
    public IReadOnlyList<AlertWatch> All => watches;

    public IEnumerable<PriceAlert> Alerts => watches.Select(w => w.Alert);

    public PriceAlert? Get(string id) => watches.FirstOrDefault(w => w.Alert.Id == id)?.Alert;

    /// <summary>The symbols of armed alerts: what the grain follows.</summary>
    public IReadOnlySet<string> ArmedSymbols =>
        watches.Where(w => w.Alert.State == PriceAlertState.Armed).Select(w => w.Alert.Symbol).ToHashSet(StringComparer.Ordinal);

    /// <summary>Arms an alert; <paramref name="current"/> (the symbol's quote now, if any) sets where it starts from and does not fire it.</summary>
    public PriceAlertResult Create(string id, NewPriceAlert request, Quote? current, DateTimeOffset at)
    {
        if (watches.Count >= IPriceAlertsGrain.MaxAlerts) return new(null, TooMany: true);
        var alert = new PriceAlert(id, request.Symbol, request.Condition, request.Source, request.Level, at,
            current?.Sequence ?? 0, PriceAlertState.Armed, Note: request.Note);
        var side = current is null ? (int?)null : PriceAlertRule.SideOf(PriceAlertRule.PriceOf(current, request.Source), request.Level);
        watches.Add(new AlertWatch(alert, side, alert.AfterSequence));
        return new(alert);
    }

    public bool Delete(string id) => watches.RemoveAll(w => w.Alert.Id == id) > 0;

    /// <summary>
    /// Evaluates one quote against the symbol's armed alerts. Returns the alerts it fired and whether anything worth
    /// storing changed (a firing, or a cross's side); a quote at or below an alert's last seen sequence is skipped.
    /// </summary>
    public (IReadOnlyList<PriceAlert> Fired, bool Changed) Observe(Quote quote)
    {
        List<PriceAlert>? fired = null;
        var changed = false;
        for (var i = 0; i < watches.Count; i++)
        {
            var watch = watches[i];
            var alert = watch.Alert;
            if (alert.State != PriceAlertState.Armed || alert.Symbol != quote.Symbol || quote.Sequence <= watch.Seen)
                continue;
            var price = PriceAlertRule.PriceOf(quote, alert.Source);
            var side = PriceAlertRule.SideOf(price, alert.Level);
            if (PriceAlertRule.Fires(alert.Condition, watch.Side, side))
            {
                var done = alert with
                {
                    State = PriceAlertState.Fired,
                    FiredAt = quote.Time,
                    Trigger = new PriceAlertTrigger(price, quote.Bid, quote.Ask, quote.Sequence, quote.Time),
                };
                watches[i] = new AlertWatch(done, side, quote.Sequence);
                (fired ??= []).Add(done);
                changed = true;
                continue;
            }
            changed |= PriceAlertRule.IsCross(alert.Condition) && watch.Side != side;
            watches[i] = watch with { Side = side, Seen = quote.Sequence };
        }
        return (fired ?? [], changed);
    }
}
