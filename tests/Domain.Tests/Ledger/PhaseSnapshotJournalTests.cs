using Crucible.Grains.Challenges;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Ledger;

namespace Crucible.Domain.Tests.Ledger;

public sealed class PhaseSnapshotJournalTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Snapshots_are_numbered_from_one_and_a_restored_journal_numbers_on_after_the_latest()
    {
        var rules = new PhaseRules("Phase 1", "UTC", new TimeOnly(0, 0), BreachComparison.AtOrBelow, null, false, null, null, 0, null, 0,
            null, null, null, OrderLimits.None);
        var phase = new PhaseEvaluation(new AccountEvaluation("as-1", 0, rules, Start), 10_000m);
        var ledger = new InMemoryLedger();
        var journal = new AccountJournal("a");
        await ledger.AppendAsync([new AccountOpened("a", 10_000m, Start), journal.Record(phase.Snapshot(), [])]);
        phase.OnTick("ES", 1, Start.AddMinutes(5), 10_000m, 10_050m, true);
        await ledger.AppendAsync([journal.Record(phase.Snapshot(), [])]);
        await ledger.AppendAsync([new PhaseSnapshotRecorded("other", 1, phase.Snapshot(), [])]);

        var history = await ledger.ReadAccountAsync("a");

        Assert.Equal(2, history.PhaseSnapshot!.Sequence);
        Assert.Equal(10_050m, history.PhaseSnapshot.Snapshot.Equity);
        Assert.Equal(3, AccountJournal.Restore(history).Record(phase.Snapshot(), []).Sequence);
        Assert.Null((await ledger.ReadAccountAsync("nobody")).PhaseSnapshot);
    }
}
