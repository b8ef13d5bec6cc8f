using Crucible.Grains.Challenges.Snapshots;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Trading;

namespace Crucible.Grains.Ledger;

/// <summary>
/// One account's side of the ledger: turns what its book and phase did into ledger entries, numbering each order's
/// versions and the rule events from 1 as their natural keys want, and turns an account's history back into the
/// book's journal for <see cref="TradingBook.Rebuild"/>. Plain and single-threaded, like the book.
/// </summary>
public sealed class AccountJournal(string accountId)
{
    private readonly Dictionary<string, int> versions = new(StringComparer.Ordinal);
    private long ruleEvents;
    private int samples;
    private long phaseSnapshots;

    public string AccountId { get; } = accountId;

    /// <summary>A journal that numbers on from what <paramref name="history"/> holds.</summary>
    public static AccountJournal Restore(AccountHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var journal = new AccountJournal(history.AccountId);
        foreach (var change in history.Orders)
            journal.versions[change.Order.Id] = Math.Max(journal.versions.GetValueOrDefault(change.Order.Id), change.Version);
        journal.ruleEvents = history.RuleEvents.Count == 0 ? 0 : history.RuleEvents.Max(e => e.Sequence);
        journal.samples = history.EquitySamples.Count;
        journal.phaseSnapshots = history.PhaseSnapshot?.Sequence ?? 0;
        return journal;
    }

    /// <summary>The ledger entry of a book event; null for what the ledger derives (a position is what its fills made it).</summary>
    public LedgerEntry? Record(BookEvent change) => change switch
    {
        OrderChanged o => new OrderRecorded(o.Order, NextVersion(o.Order.Id)),
        OrderTrailed t => new OrderRecorded(t.Order, NextVersion(t.Order.Id)),
        FillExecuted f => new FillRecorded(AccountId, f.Fill),
        ContractSettled s => new PositionSettled(AccountId, s.Symbol, s.Quantity, s.Price, s.RealizedPnl, s.Time, s.QuoteSequence),
        PositionChanged => null,
        _ => throw new InvalidOperationException($"unknown book event {change.GetType().Name}"),
    };

    public RuleEventRecorded Record(RuleEvent e) => new(AccountId, ++ruleEvents, e);

    /// <summary>The phase's snapshot at the end of an append, numbered after the last one.</summary>
    public PhaseSnapshotRecorded Record(PhaseSnapshot snapshot, IReadOnlyList<Quote> quotes) => new(AccountId, ++phaseSnapshots, snapshot, quotes);

    /// <summary>The samples of <paramref name="all"/> (a phase's samples, oldest first) not yet recorded.</summary>
    public IReadOnlyList<EquitySampled> NewSamples(IReadOnlyList<EquitySample> all)
    {
        var fresh = all.Skip(samples).Select(s => new EquitySampled(AccountId, s)).ToList();
        samples = Math.Max(samples, all.Count);
        return fresh;
    }

    /// <summary>
    /// The book's journal from its history: every order state in append order, then the fills and settlements by time
    /// (fills first at the same instant: no order fills on a settlement quote). Orders and cash are replayed apart
    /// (<see cref="TradingBook.Rebuild"/>), so only each kind's own order matters.
    /// </summary>
    public static IReadOnlyList<BookEvent> BookEventsOf(AccountHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var orders = history.Orders.Select(o => (BookEvent)new OrderChanged(o.Order));
        var cash = history.Fills
            .Select(f => (f.Fill.Time, Kind: 0, Event: (BookEvent)new FillExecuted(f.Fill, 0m, 0m, false)))
            .Concat(history.Settlements.Select(s => (s.Time, Kind: 1,
                Event: (BookEvent)new ContractSettled(s.Symbol, s.Price, s.Time, s.Quantity, s.RealizedPnl, s.QuoteSequence))))
            .OrderBy(e => e.Time).ThenBy(e => e.Kind)
            .Select(e => e.Event);
        return [.. orders, .. cash];
    }

    /// <summary>
    /// How many numbered account events the book published for this history: one per order state, fill and rule event,
    /// and one position update per fill and per settlement. The stream's sequence goes on from there after a rebuild.
    /// </summary>
    public static long PublishedEvents(AccountHistory history) =>
        history.Orders.Count + 2L * history.Fills.Count + history.Settlements.Count + history.RuleEvents.Count;

    private int NextVersion(string orderId)
    {
        var version = versions.GetValueOrDefault(orderId) + 1;
        versions[orderId] = version;
        return version;
    }
}
