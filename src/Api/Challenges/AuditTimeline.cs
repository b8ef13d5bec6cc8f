using Crucible.Grains.Analytics;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Challenges;

/// <summary>
/// One phase's audit as an evaluator reads it: orders, fills and rule events on one time line, each with the account's
/// equity and balance, the prices and the tick (quote sequence) behind it and the loss floors in force; and the equity
/// curve with those floors. Built from what the book recorded (<see cref="PhaseAudit"/>) and the plan's rules, nothing
/// else: a pure projection.
/// </summary>
public static class AuditTimeline
{
    /// <param name="rules">The phase's rules from the plan (null when the plan left the catalog: no floors then).</param>
    public static PhaseTimeline Build(PhaseAudit audit, PhaseRules? rules)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var initial = audit.Evaluation?.InitialBalance ?? audit.Account?.InitialBalance ?? audit.EquitySamples.FirstOrDefault()?.Balance ?? 0m;
        var floors = rules is null ? null : new FloorTimeline(rules, initial, audit.RuleEvents);
        var samples = audit.EquitySamples.OrderBy(s => s.Time).ToList();
        var entries = new List<(AuditEntry Entry, int Rank)>();

        foreach (var order in audit.Orders)
        {
            // An order is the trader's act (or the book's, flattening), not a tick's: it shows the account as it stood just
            // before it was placed (a sample at the same instant may already include its own fill).
            var before = samples.LastOrDefault(s => s.Time < order.CreatedAt);
            entries.Add((new AuditEntry(order.CreatedAt, AuditEntryKind.Order, order.Id, order.Symbol, order.Side, order.Quantity,
                order.LimitPrice ?? order.StopPrice, order.Status, null, null, null, null, before?.Balance, before?.Equity, null, null, null,
                null, OrderText(order), floors?.DailyAt(order.CreatedAt), floors?.OverallAt(order.CreatedAt), order.Type, order.StopPrice,
                order.ParentId, order.RejectReason), 0));
        }

        var afterFill = SamplesAfterFills(audit.Fills, samples);
        for (var i = 0; i < audit.Fills.Count; i++)
        {
            var fill = audit.Fills[i];
            var after = afterFill[i];
            // A rule event the fill caused was marked at the touch: its bid and ask are the fill's quote.
            var touch = audit.RuleEvents.FirstOrDefault(e => e.FillId == fill.Id && e.Bid is not null);
            entries.Add((new AuditEntry(fill.Time, AuditEntryKind.Fill, fill.Id, fill.Symbol, fill.Side, fill.Quantity, fill.Price, null,
                null, null, null, null, after?.Balance, after?.Equity, touch?.Bid, touch?.Ask, fill.QuoteSequence, ObservationCause.Fill,
                $"{Lower(fill.Side)} {fill.Quantity} {fill.Symbol} @ {fill.Price} (order {fill.OrderId}), realized {fill.RealizedPnl}, commission {fill.Commission}",
                floors?.DailyAt(fill.Time), floors?.OverallAt(fill.Time), null, null, fill.OrderId, null), 1));
        }

        foreach (var e in audit.RuleEvents)
            entries.Add((new AuditEntry(e.Time, AuditEntryKind.Rule, e.FillId, e.Symbol, null, null, null, null, e.Rule, e.Kind, e.Measured,
                e.Limit, e.Balance, e.Equity, e.Bid, e.Ask, e.QuoteSequence, e.Cause, e.Message, floors?.DailyAt(e.Time), floors?.OverallAt(e.Time),
                null, null, null, null), 2));

        var equity = samples.Select(s => new AuditEquityPoint(s.Time, s.Balance, s.Equity, floors?.DailyAt(s.Time), floors?.OverallAt(s.Time))).ToList();
        return new PhaseTimeline(audit.Phase.Attempt, audit.Phase.PhaseIndex, audit.Phase.AccountId, rules?.TimeZone, rules?.ResetTime.ToString("HH:mm"),
            initial, [.. entries.OrderBy(x => x.Entry.Time).ThenBy(x => x.Rank).Select(x => x.Entry)], equity);
    }

    /// <summary>
    /// The equity sample the book took right after each fill (it samples after every fill observation, at the fill's time
    /// or the last observed time if that was later). The fills of one instant take the last samples of the first instant
    /// at or after it, in order: a rule event recorded at the same instant (a breach before its liquidation) comes first.
    /// </summary>
    internal static EquitySample?[] SamplesAfterFills(IReadOnlyList<Fill> fills, IReadOnlyList<EquitySample> samples)
    {
        var found = new EquitySample?[fills.Count];
        foreach (var group in fills.Select((f, i) => (f, i)).GroupBy(x => x.f.Time))
        {
            var at = samples.FirstOrDefault(s => s.Time >= group.Key);
            if (at is null) continue;
            var same = samples.Where(s => s.Time == at.Time).ToList();
            var members = group.ToList();
            for (var k = 0; k < members.Count; k++)
                found[members[k].i] = same[Math.Max(0, same.Count - members.Count + k)];
        }
        return found;
    }

    private static string OrderText(Order o)
    {
        var text = $"{Lower(o.Side)} {o.Quantity} {o.Symbol} {Lower(o.Type)}";
        if (o.LimitPrice is { } limit) text += $" limit {limit}";
        if (o.StopPrice is { } stop) text += $" stop {stop}";
        text += $" · {Lower(o.Status)}";
        if (o.RejectReason is { } reason) text += $" ({reason})";
        return o.ParentId is { } parent ? $"{text} · leg of {parent}" : text;
    }

    private static string Lower<T>(T value) where T : struct, Enum => Trading.FieldReader.SnakeCase(value.ToString());
}
