namespace Crucible.Grains.Ledger;

/// <summary>
/// The ledger could not make an append durable (the database is unreachable, the commit failed or its outcome is
/// unknown). The entries may or may not be stored; nothing that was acknowledged is affected.
/// </summary>
public sealed class LedgerUnavailableException : Exception
{
    public LedgerUnavailableException(string message)
        : base(message)
    {
    }

    public LedgerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
