using System.Threading.Channels;
using Crucible.Grains.Ledger;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crucible.Persistence.Ledger;

/// <summary>
/// The durable ledger with group commit. Appends from every grain of the silo queue up; one writer takes everything
/// pending (up to <see cref="PostgresLedgerOptions.BatchCap"/> entries), writes it in one transaction and only
/// then acknowledges each append in it. A failed batch fails every append in it with
/// <see cref="LedgerUnavailableException"/>; the writer goes on with later appends, so the ledger resumes by itself
/// when the database is back. An append that reuses a stored natural key with different content fails alone with
/// <see cref="LedgerConflictException"/>. See docs/durability.md.
/// </summary>
public sealed class PostgresLedger : ILedger, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresLedgerOptions options;
    private readonly ILogger<PostgresLedger> logger;
    private readonly Channel<PendingAppend> queue;
    private readonly Task writer;
    private readonly HashSet<ILedgerTable> staged = [];
    private NpgsqlConnection? connection;
    private long commits;
    private long entriesCommitted;
    private long failedBatches;

    public PostgresLedger(NpgsqlDataSource dataSource, PostgresLedgerOptions options, ILogger<PostgresLedger> logger)
    {
        options.Validate();
        this.dataSource = dataSource;
        this.options = options;
        this.logger = logger;
        queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Transactions committed.</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Entries in committed transactions (a retried entry counts again; the table holds it once).</summary>
    public long EntriesCommitted => Interlocked.Read(ref entriesCommitted);

    /// <summary>Batches whose appends were failed.</summary>
    public long FailedBatches => Interlocked.Read(ref failedBatches);

    /// <summary>Test seam: runs after each commit; throwing from it makes a committed batch look failed (an ambiguous commit).</summary>
    internal Func<IReadOnlyList<LedgerEntry>, ValueTask>? AfterCommit { get; set; }

    public async ValueTask AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            entry.Validate();
            _ = LedgerTables.For(entry);
        }

        if (entries.Count == 0) return;
        await EnqueueAsync(new PendingAppend(entries.ToArray()), cancellationToken);
    }

    /// <summary>Completes when everything appended before the call has been committed or failed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default) =>
        await EnqueueAsync(new PendingAppend([]), cancellationToken);

    /// <summary>Stops taking appends, writes what is queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
    }

    private async Task EnqueueAsync(PendingAppend pending, CancellationToken cancellationToken)
    {
        try
        {
            await queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException e)
        {
            throw new LedgerUnavailableException("The ledger is shut down: nothing was appended.", e);
        }

        await pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>();
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var count = 0;
            while (count < options.BatchCap && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                count += pending.Entries.Count;
            }

            try
            {
                await CommitAsync(batch);
            }
            catch (Exception e)
            {
                // Never leave a caller waiting, never stop serving later appends.
                logger.LogError(e, "Ledger writer failed unexpectedly on a batch of {Appends} appends", batch.Count);
                Fail(batch, new LedgerUnavailableException($"The ledger writer failed: {e.Message}", e));
            }
        }

        await DropConnectionAsync();
    }

    private async Task CommitAsync(IReadOnlyList<PendingAppend> batch)
    {
        var entries = batch.SelectMany(p => p.Entries).ToList();
        var failure = entries.Count == 0 ? null : await TryWriteAsync(entries);
        if (failure is null)
        {
            if (entries.Count > 0)
            {
                Interlocked.Increment(ref commits);
                Interlocked.Add(ref entriesCommitted, entries.Count);
                logger.LogDebug("Ledger committed {Entries} entries from {Appends} appends", entries.Count, batch.Count);
            }

            foreach (var pending in batch) pending.Done.TrySetResult();
            return;
        }

        var appends = batch.Where(p => p.Entries.Count > 0).ToList();
        if (failure is LedgerConflictsException conflicts)
        {
            // Nothing was committed: fail the appends that hold a conflicting entry, commit the others without them.
            var rejected = RejectConflicting(appends, conflicts.Conflicts);
            if (rejected.Count > 0)
            {
                await CommitAsync(batch.Where(p => !rejected.Contains(p)).ToList());
                return;
            }
        }

        if (IsDataError(failure) && appends.Count > 1)
        {
            // One append's bad data must not fail its neighbours: commit each on its own so only it fails.
            logger.LogWarning(failure, "Ledger batch of {Appends} appends refused by the database; committing them one by one", appends.Count);
            foreach (var pending in appends) await CommitAsync([pending]);
            foreach (var pending in batch) pending.Done.TrySetResult();
            return;
        }

        Interlocked.Increment(ref failedBatches);
        logger.LogError(failure, "Ledger could not commit {Entries} entries from {Appends} appends; their callers get LedgerUnavailableException",
            entries.Count, appends.Count);
        Fail(batch, new LedgerUnavailableException(
            $"The ledger could not make {entries.Count} entries durable (they may or may not be stored; retrying them is safe): {failure.Message}",
            failure));
    }

    private async Task<Exception?> TryWriteAsync(List<LedgerEntry> entries)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reused = connection is not null;
            try
            {
                using var timeout = new CancellationTokenSource(options.CommitTimeout);
                connection ??= await dataSource.OpenConnectionAsync(timeout.Token);
                await LedgerBatch.WriteAsync(connection, staged, entries, timeout.Token);
                if (AfterCommit is { } afterCommit) await afterCommit(entries);
                return null;
            }
            catch (LedgerConflictsException e)
            {
                // The batch was rolled back on a healthy connection: keep it, and retrying would find the same.
                return e;
            }
            catch (Exception e)
            {
                await DropConnectionAsync();
                // The writer keeps its connection between batches, and the server may have closed it meanwhile (a
                // restart, an idle timeout): one more try on a new connection. Safe even if the first attempt
                // committed, because the inserts skip entries already stored.
                if (reused && attempt == 1 && !IsDataError(e))
                {
                    logger.LogInformation(e, "Ledger connection failed; retrying the batch of {Entries} entries on a new connection", entries.Count);
                    continue;
                }

                return e;
            }
        }
    }

    private HashSet<PendingAppend> RejectConflicting(IReadOnlyList<PendingAppend> appends, IReadOnlyList<LedgerConflict> conflicts)
    {
        // Ordinals number the batch's entries in append order.
        var rejected = new HashSet<PendingAppend>();
        var first = 0;
        foreach (var pending in appends)
        {
            var end = first + pending.Entries.Count;
            if (conflicts.FirstOrDefault(c => c.Ordinal >= first && c.Ordinal < end) is { } conflict)
            {
                logger.LogError("Ledger refused an append of {Entries} entries: {Table} already holds {Key} with different content",
                    pending.Entries.Count, conflict.Table, conflict.Key);
                pending.Done.TrySetException(new LedgerConflictException(conflict.Table, conflict.Key));
                rejected.Add(pending);
            }

            first = end;
        }

        return rejected;
    }

    private async Task DropConnectionAsync()
    {
        if (connection is null) return;
        var dropped = connection;
        connection = null;
        staged.Clear();
        try
        {
            await dropped.DisposeAsync();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Closing a failed ledger connection failed");
        }

        // Idle pooled connections may be as dead as this one.
        dataSource.Clear();
    }

    // Class 22 (data exception) and 23 (integrity constraint): the data is at fault, not the database.
    private static bool IsDataError(Exception e) =>
        e is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal));

    private static void Fail(IEnumerable<PendingAppend> batch, Exception error)
    {
        foreach (var pending in batch) pending.Done.TrySetException(error);
    }
}
