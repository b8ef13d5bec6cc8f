namespace Crucible.Grains.Ledger;

/// <summary>
/// One append-only ledger record. Each kind has a natural key (named on the kind), so appending the same record
/// again, e.g. after an ambiguous failure, stores it once.
/// </summary>
public abstract record LedgerEntry
{
    private protected LedgerEntry()
    {
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the record cannot be stored, before it joins a batch.</summary>
    public abstract void Validate();

    private protected static void Require(bool condition, string field, string message)
    {
        if (!condition) throw new ArgumentException($"{field}: {message}", field);
    }

    private protected static void RequireId(string? value, string field) =>
        Require(!string.IsNullOrWhiteSpace(value), field, "must not be empty");
}
