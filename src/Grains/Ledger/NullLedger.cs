namespace Crucible.Grains.Ledger;

/// <summary>Embedded mode: keeps nothing, so every append is acknowledged at once, and knows no account's history.</summary>
public sealed class NullLedger : ILedger, ILedgerReader
{
    public static NullLedger Instance { get; } = new();

    public bool KeepsHistory => false;

    public ValueTask AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return ValueTask.CompletedTask;
    }

    public Task<AccountHistory> ReadAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new AccountHistory(accountId, null, [], [], [], [], []));

    public Task<AssessmentHistory> ReadAssessmentAsync(string assessmentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new AssessmentHistory(assessmentId, null, []));
}
