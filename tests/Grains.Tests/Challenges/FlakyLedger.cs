using Crucible.Grains.Ledger;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// A ledger in memory (<see cref="InMemoryLedger"/>: the silo's grains append to it and rebuild from it) that can be told to
/// be away for the next appends that hold a matching entry, as PostgreSQL is during an outage: they throw
/// <see cref="LedgerUnavailableException"/> and store nothing.
/// </summary>
public sealed class FlakyLedger : ILedger, ILedgerReader
{
    private readonly Lock gate = new();
    private readonly InMemoryLedger kept = new();
    private Func<LedgerEntry, bool>? failing;
    private int failuresLeft;

    public int Failed { get; private set; }

    /// <summary>Every entry stored, in append order.</summary>
    public IReadOnlyList<LedgerEntry> Entries => kept.Entries;

    /// <summary>The next <paramref name="count"/> appends holding an entry that <paramref name="matches"/> fail.</summary>
    public void FailNext(Func<LedgerEntry, bool> matches, int count)
    {
        lock (gate)
        {
            failing = matches;
            failuresLeft = count;
        }
    }

    public ValueTask AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (failuresLeft > 0 && failing is { } matches && entries.Any(matches))
            {
                failuresLeft--;
                Failed++;
                throw new LedgerUnavailableException($"the test ledger is away ({entries.Count} entries not stored)", new IOException("outage"));
            }
        }
        return kept.AppendAsync(entries, cancellationToken);
    }

    public Task<AccountHistory> ReadAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        kept.ReadAccountAsync(accountId, cancellationToken);

    public Task<AssessmentHistory> ReadAssessmentAsync(string assessmentId, CancellationToken cancellationToken = default) =>
        kept.ReadAssessmentAsync(assessmentId, cancellationToken);
}
