namespace Crucible.Persistence.Ledger;

/// <summary>Tuning of the group-commit writer (docs/durability.md).</summary>
public sealed record PostgresLedgerOptions
{
    /// <summary>Most entries in one transaction; the writer takes whole appends until it reaches this.</summary>
    public int BatchCap { get; init; } = 2_000;

    /// <summary>Most appends waiting for the writer; further appends wait for room (back-pressure).</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>Longest one attempt to commit a batch may take before its appends fail.</summary>
    public TimeSpan CommitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (BatchCap < 1) throw new ArgumentOutOfRangeException(nameof(BatchCap), BatchCap, "must be at least 1");
        if (QueueCapacity < 1) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "must be at least 1");
        if (CommitTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(CommitTimeout), CommitTimeout, "must be positive");
    }
}
