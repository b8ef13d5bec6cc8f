using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Crucible.Api.Trading;

/// <summary>
/// Bridges account event streams to SignalR. This API host subscribes to an account's stream while at least
/// one of its connections follows the account. Order, fill and position events go out in order, as they
/// come, and so are an assessment account's rule events; balance/equity updates and phase progress updates are
/// conflated per account and sent at most <see cref="AccountStreamOptions.AccountUpdatesPerSecond"/> times a second. The stream handler only queues,
/// so a slow browser never holds up delivery from the cluster.
/// </summary>
public sealed class AccountEventBridge(
    IClusterClient cluster,
    IHubContext<AccountHub, IAccountClient> hub,
    IOptions<AccountStreamOptions> options,
    ILogger<AccountEventBridge> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<string>> accountsByConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subscription> subscriptions = new(StringComparer.Ordinal);
    private readonly Channel<AccountEvent> outbound = Channel.CreateUnbounded<AccountEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, AccountUpdated> pendingAccountUpdates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EvaluationUpdated> pendingEvaluationUpdates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableArray<ChannelWriter<AccountEvent>>> listeners = new(StringComparer.Ordinal);

    /// <summary>Accounts this host currently follows on the cluster.</summary>
    public int StreamSubscriptionCount { get { lock (gate) return subscriptions.Count; } }

    public int TrackedConnectionCount { get { lock (gate) return accountsByConnection.Count; } }

    /// <summary>Records that the connection follows the account; false when it already did.</summary>
    public bool Track(string connectionId, string accountId)
    {
        lock (gate)
        {
            if (!accountsByConnection.TryGetValue(connectionId, out var accounts))
                accountsByConnection[connectionId] = accounts = new HashSet<string>(StringComparer.Ordinal);
            return accounts.Add(accountId);
        }
    }

    public bool Untrack(string connectionId, string accountId)
    {
        lock (gate)
        {
            if (!accountsByConnection.TryGetValue(connectionId, out var accounts) || !accounts.Remove(accountId))
                return false;
            if (accounts.Count == 0)
                accountsByConnection.Remove(connectionId);
            return true;
        }
    }

    public IReadOnlyCollection<string> UntrackConnection(string connectionId)
    {
        lock (gate)
            return accountsByConnection.Remove(connectionId, out var accounts) ? accounts : [];
    }

    public async Task AcquireAsync(string accountId)
    {
        Subscription subscription;
        lock (gate)
        {
            if (!subscriptions.TryGetValue(accountId, out subscription!))
                subscriptions[accountId] = subscription = new Subscription(SubscribeAsync(accountId));
            subscription.References++;
        }
        try
        {
            await subscription.Handle;
            // Followed live: every tick reaches the account and its equity is published (docs/scale.md "Price band").
            await Watch(accountId);
        }
        catch
        {
            // A failed subscription must not stay cached for the next subscriber.
            lock (gate)
            {
                if (subscriptions.TryGetValue(accountId, out var current) && current == subscription)
                    subscriptions.Remove(accountId);
            }
            throw;
        }
    }

    /// <summary>
    /// Hands every event of the account, unconflated and in stream order, to <paramref name="writer"/> until the returned
    /// handle is disposed: for in-process consumers other than the hub (Alpaca's <c>/stream</c>), on the same one
    /// subscription per account and host.
    /// </summary>
    public async Task<IAsyncDisposable> ListenAsync(string accountId, ChannelWriter<AccountEvent> writer)
    {
        listeners.AddOrUpdate(accountId, _ => [writer], (_, current) => current.Add(writer));
        try
        {
            await AcquireAsync(accountId);
        }
        catch
        {
            RemoveListener(accountId, writer);
            throw;
        }
        return new Listener(this, accountId, writer);
    }

    private void RemoveListener(string accountId, ChannelWriter<AccountEvent> writer)
    {
        while (listeners.TryGetValue(accountId, out var current))
        {
            var next = current.Remove(writer);
            if (next.IsEmpty ? listeners.TryRemove(new KeyValuePair<string, ImmutableArray<ChannelWriter<AccountEvent>>>(accountId, current))
                : listeners.TryUpdate(accountId, next, current))
                return;
        }
    }

    private sealed class Listener(AccountEventBridge bridge, string accountId, ChannelWriter<AccountEvent> writer) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 1) return;
            bridge.RemoveListener(accountId, writer);
            await bridge.ReleaseAsync(accountId);
        }
    }

    public async Task ReleaseAsync(string accountId)
    {
        Subscription? ended = null;
        lock (gate)
        {
            if (subscriptions.TryGetValue(accountId, out var subscription) && --subscription.References == 0)
            {
                subscriptions.Remove(accountId);
                ended = subscription;
            }
        }
        if (ended is null)
            return;
        pendingAccountUpdates.TryRemove(accountId, out _);
        pendingEvaluationUpdates.TryRemove(accountId, out _);
        try
        {
            await (await ended.Handle).UnsubscribeAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not unsubscribe from the event stream of account {AccountId}", accountId);
        }
    }

    /// <summary>Keeps a followed account's price band disarmed for another lease; renewed by <see cref="RenewWatchesAsync"/>.</summary>
    private Task Watch(string accountId) =>
        cluster.GetGrain<IPositionBookGrain>(accountId).WatchMarksAsync(WatchLease);

    private static readonly TimeSpan WatchLease = TimeSpan.FromSeconds(30);

    private async Task RenewWatchesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WatchLease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                string[] followed;
                lock (gate) followed = [.. subscriptions.Keys];
                foreach (var accountId in followed)
                {
                    try
                    {
                        await Watch(accountId);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogWarning(e, "Could not renew the live watch of account {AccountId}", accountId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Task<StreamSubscriptionHandle<AccountEvent>> SubscribeAsync(string accountId) =>
        cluster.GetStreamProvider(MarketStreams.Provider)
            .GetStream<AccountEvent>(AccountStreams.EventStream(accountId))
            .SubscribeAsync((e, _) =>
            {
                if (listeners.TryGetValue(e.AccountId, out var local))
                    foreach (var listener in local)
                        listener.TryWrite(e);
                if (e is AccountUpdated update)
                    pendingAccountUpdates[update.AccountId] = update;
                else if (e is EvaluationUpdated progress)
                    pendingEvaluationUpdates[progress.AccountId] = progress;
                else
                    outbound.Writer.TryWrite(e);
                return Task.CompletedTask;
            });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendEventsAsync(stoppingToken), FlushAccountUpdatesAsync(stoppingToken), RenewWatchesAsync(stoppingToken));

    private async Task SendEventsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in outbound.Reader.ReadAllAsync(stoppingToken))
            {
                var group = hub.Clients.Group(AccountHub.GroupOf(e.AccountId));
                try
                {
                    await (e switch
                    {
                        OrderUpdated o => group.Order(o),
                        FillReported f => group.Fill(f),
                        PositionUpdated p => group.Position(p),
                        RuleEventReported r => group.RuleEvent(r),
                        _ => Task.CompletedTask,
                    });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not send event #{Sequence} of account {AccountId}", e.Sequence, e.AccountId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAccountUpdatesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Math.Max(0.1, options.Value.AccountUpdatesPerSecond)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var accountId in pendingAccountUpdates.Keys)
                {
                    if (!pendingAccountUpdates.TryRemove(accountId, out var update))
                        continue;
                    try
                    {
                        await hub.Clients.Group(AccountHub.GroupOf(accountId)).Account(update);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "Could not send the account update of {AccountId}", accountId);
                    }
                }
                foreach (var accountId in pendingEvaluationUpdates.Keys)
                {
                    if (!pendingEvaluationUpdates.TryRemove(accountId, out var progress))
                        continue;
                    try
                    {
                        await hub.Clients.Group(AccountHub.GroupOf(accountId)).Evaluation(progress);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "Could not send the phase progress of {AccountId}", accountId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed class Subscription(Task<StreamSubscriptionHandle<AccountEvent>> handle)
    {
        public Task<StreamSubscriptionHandle<AccountEvent>> Handle { get; } = handle;

        public int References { get; set; }
    }
}
