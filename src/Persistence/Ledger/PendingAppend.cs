using Crucible.Grains.Ledger;

namespace Crucible.Persistence.Ledger;

/// <summary>One caller's entries waiting for the writer, and the caller's acknowledgement. No entries: a flush marker.</summary>
internal sealed record PendingAppend(IReadOnlyList<LedgerEntry> Entries)
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
