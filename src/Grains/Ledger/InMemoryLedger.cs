namespace Crucible.Grains.Ledger;

/// <summary>
/// A ledger in process memory for tests: acknowledges at once, keeps entries in append order and, like the
/// PostgreSQL ledger, stores an entry whose natural key it has already seen only once (the first one wins).
/// </summary>
public sealed class InMemoryLedger : ILedger, ILedgerReader
{
    private readonly Lock gate = new();
    private readonly List<LedgerEntry> entries = [];
    private readonly HashSet<object> keys = [];

    public IReadOnlyList<LedgerEntry> Entries
    {
        get
        {
            lock (gate) return entries.ToList();
        }
    }

    public ValueTask AppendAsync(IReadOnlyList<LedgerEntry> appended, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appended);
        foreach (var entry in appended) entry.Validate();
        lock (gate)
        {
            foreach (var entry in appended)
            {
                if (keys.Add(KeyOf(entry))) entries.Add(entry);
            }
        }

        return ValueTask.CompletedTask;
    }

    public Task<AccountHistory> ReadAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var all = Entries;
        return Task.FromResult(new AccountHistory(
            accountId,
            all.OfType<AccountOpened>().FirstOrDefault(e => e.AccountId == accountId),
            all.OfType<OrderRecorded>().Where(e => e.AccountId == accountId).ToList(),
            all.OfType<FillRecorded>().Where(e => e.AccountId == accountId).ToList(),
            all.OfType<PositionSettled>().Where(e => e.AccountId == accountId).ToList(),
            all.OfType<RuleEventRecorded>().Where(e => e.AccountId == accountId).ToList(),
            all.OfType<EquitySampled>().Where(e => e.AccountId == accountId).ToList())
        {
            PhaseSnapshot = all.OfType<PhaseSnapshotRecorded>().Where(e => e.AccountId == accountId).MaxBy(e => e.Sequence),
        });
    }

    public Task<AssessmentHistory> ReadAssessmentAsync(string assessmentId, CancellationToken cancellationToken = default)
    {
        var all = Entries;
        return Task.FromResult(new AssessmentHistory(
            assessmentId,
            all.OfType<AssessmentOpened>().FirstOrDefault(e => e.AssessmentId == assessmentId),
            all.OfType<AssessmentTransition>()
                .Where(e => e.AssessmentId == assessmentId)
                .OrderBy(e => e.Attempt).ThenBy(e => e.Sequence)
                .ToList()));
    }

    // The same natural keys as the tables in deploy/sql/40-ledger.sql.
    private static object KeyOf(LedgerEntry entry) => entry switch
    {
        AccountOpened e => ("account", e.AccountId),
        OrderRecorded e => ("order", e.AccountId, e.Order.Id, e.Version),
        FillRecorded e => ("fill", e.AccountId, e.Fill.Id),
        PositionSettled e => ("settlement", e.AccountId, e.Symbol, e.QuoteSequence),
        RuleEventRecorded e => ("rule", e.AccountId, e.Sequence),
        EquitySampled e => ("equity", e.AccountId, e.Sample.Time),
        AssessmentTransition e => ("assessment", e.AssessmentId, e.Attempt, e.Sequence),
        AssessmentOpened e => ("assessment", e.AssessmentId),
        PhaseSnapshotRecorded e => ("phase snapshot", e.AccountId, e.Sequence),
        _ => throw new ArgumentException($"Unknown ledger entry kind {entry.GetType().Name}.", nameof(entry)),
    };
}
