using Crucible.Grains.Ledger;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>
/// A ledger that keeps nothing (as embedded mode's) but can be told to be away for the next appends that hold a
/// matching entry, as PostgreSQL is during an outage: they throw <see cref="LedgerUnavailableException"/>.
/// </summary>
public sealed class FlakyLedger : ILedger
{
    private readonly Lock gate = new();
    private Func<LedgerEntry, bool>? failing;
    private int failuresLeft;

    public int Failed { get; private set; }

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
        return ValueTask.CompletedTask;
    }
}
