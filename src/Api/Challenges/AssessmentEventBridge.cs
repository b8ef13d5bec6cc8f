using System.Collections.Concurrent;
using System.Threading.Channels;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Crucible.Api.Challenges;

/// <summary>
/// Bridges assessment streams to SignalR groups. While a connection of this host follows an assessment, the host
/// subscribes to the assessment's stream and to its current phase account's stream (switching accounts when a phase
/// starts), forwarding assessment events and rule events in order and evaluations conflated (latest wins, at most
/// <see cref="AccountStreamOptions.AccountUpdatesPerSecond"/> a second). While an evaluator follows the feed, it
/// subscribes to the feed of every assessment. Stream handlers only queue, so a slow browser never holds up the cluster.
/// </summary>
public sealed class AssessmentEventBridge(
    IClusterClient cluster,
    IHubContext<AssessmentHub, IAssessmentClient> hub,
    IOptions<AccountStreamOptions> options,
    ILogger<AssessmentEventBridge> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim accountSwitch = new(1, 1);
    private readonly Dictionary<string, HashSet<string>> assessmentsByConnection = new(StringComparer.Ordinal);
    private readonly HashSet<string> feedConnections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Followed> followed = new(StringComparer.Ordinal);
    private readonly Channel<Outbound> outbound = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, EvaluationUpdated> pendingEvaluations = new(StringComparer.Ordinal);
    private Feed? feed;

    /// <summary>Stream subscriptions this host holds on the cluster: assessments, their accounts, and the feed.</summary>
    public int StreamSubscriptionCount
    {
        get
        {
            lock (gate)
                return followed.Count + followed.Values.Count(f => f.AccountHandle is not null) + (feed is null ? 0 : 1);
        }
    }

    public int TrackedConnectionCount { get { lock (gate) return assessmentsByConnection.Count + feedConnections.Count; } }

    public bool Track(string connectionId, string assessmentId)
    {
        lock (gate)
        {
            if (!assessmentsByConnection.TryGetValue(connectionId, out var ids))
                assessmentsByConnection[connectionId] = ids = new HashSet<string>(StringComparer.Ordinal);
            return ids.Add(assessmentId);
        }
    }

    public bool Untrack(string connectionId, string assessmentId)
    {
        lock (gate)
        {
            if (!assessmentsByConnection.TryGetValue(connectionId, out var ids) || !ids.Remove(assessmentId))
                return false;
            if (ids.Count == 0)
                assessmentsByConnection.Remove(connectionId);
            return true;
        }
    }

    public IReadOnlyCollection<string> UntrackConnection(string connectionId)
    {
        lock (gate)
            return assessmentsByConnection.Remove(connectionId, out var ids) ? ids : [];
    }

    public bool TrackFeed(string connectionId) { lock (gate) return feedConnections.Add(connectionId); }

    public bool UntrackFeed(string connectionId) { lock (gate) return feedConnections.Remove(connectionId); }

    public async Task AcquireAsync(string assessmentId, string? accountId)
    {
        Followed entry;
        lock (gate)
        {
            if (!followed.TryGetValue(assessmentId, out entry!))
                followed[assessmentId] = entry = new Followed(SubscribeAssessmentAsync(assessmentId));
            entry.References++;
        }
        try
        {
            await entry.Handle;
        }
        catch
        {
            // A failed subscription must not stay cached for the next subscriber.
            lock (gate)
            {
                if (followed.TryGetValue(assessmentId, out var current) && current == entry)
                    followed.Remove(assessmentId);
            }
            throw;
        }
        await FollowAccountAsync(assessmentId, accountId);
    }

    public async Task ReleaseAsync(string assessmentId)
    {
        Followed? ended = null;
        lock (gate)
        {
            if (followed.TryGetValue(assessmentId, out var entry) && --entry.References == 0)
            {
                followed.Remove(assessmentId);
                ended = entry;
            }
        }
        if (ended is null)
            return;
        pendingEvaluations.TryRemove(assessmentId, out _);
        await accountSwitch.WaitAsync();
        try
        {
            await UnsubscribeAsync(ended.Handle, assessmentId);
            if (ended.AccountHandle is { } account)
                await UnsubscribeAsync(account, ended.AccountId!);
            ended.AccountHandle = null;
        }
        finally
        {
            accountSwitch.Release();
        }
    }

    /// <summary>Makes the followed assessment's account subscription the given account's (a no-op when it already is).</summary>
    public async Task FollowAccountAsync(string assessmentId, string? accountId)
    {
        if (accountId is null)
            return;
        await accountSwitch.WaitAsync();
        try
        {
            Followed? entry;
            lock (gate)
                followed.TryGetValue(assessmentId, out entry);
            if (entry is null || entry.AccountId == accountId)
                return;
            var previous = entry.AccountHandle;
            var previousId = entry.AccountId;
            entry.AccountHandle = null;
            entry.AccountId = accountId;
            if (previous is not null)
                await UnsubscribeAsync(previous, previousId!);
            var handle = SubscribeAccountAsync(assessmentId, accountId);
            await handle;
            entry.AccountHandle = handle;
        }
        finally
        {
            accountSwitch.Release();
        }
    }

    public async Task AcquireFeedAsync()
    {
        Feed current;
        lock (gate)
        {
            feed ??= new Feed(cluster.GetStreamProvider(MarketStreams.Provider).GetStream<AssessmentEvent>(AssessmentStreams.FeedStream)
                .SubscribeAsync((e, _) => Enqueue(AssessmentHub.FeedGroup, e)));
            current = feed;
            current.References++;
        }
        try
        {
            await current.Handle;
        }
        catch
        {
            lock (gate)
            {
                if (feed == current)
                    feed = null;
            }
            throw;
        }
    }

    public async Task ReleaseFeedAsync()
    {
        Feed? ended = null;
        lock (gate)
        {
            if (feed is not null && --feed.References == 0)
            {
                ended = feed;
                feed = null;
            }
        }
        if (ended is not null)
            await UnsubscribeAsync(ended.Handle, "the assessment feed");
    }

    private Task<StreamSubscriptionHandle<AssessmentEvent>> SubscribeAssessmentAsync(string assessmentId) =>
        cluster.GetStreamProvider(MarketStreams.Provider)
            .GetStream<AssessmentEvent>(AssessmentStreams.EventStream(assessmentId))
            .SubscribeAsync((e, _) => Enqueue(AssessmentHub.GroupOf(assessmentId), e));

    private Task<StreamSubscriptionHandle<AccountEvent>> SubscribeAccountAsync(string assessmentId, string accountId) =>
        cluster.GetStreamProvider(MarketStreams.Provider)
            .GetStream<AccountEvent>(AccountStreams.EventStream(accountId))
            .SubscribeAsync((e, _) =>
            {
                switch (e)
                {
                    case RuleEventReported r:
                        outbound.Writer.TryWrite(new Outbound(AssessmentHub.GroupOf(assessmentId), r));
                        break;
                    case EvaluationUpdated u:
                        pendingEvaluations[assessmentId] = u;
                        break;
                }
                return Task.CompletedTask;
            });

    private Task Enqueue(string group, object e)
    {
        outbound.Writer.TryWrite(new Outbound(group, e));
        return Task.CompletedTask;
    }

    private async Task UnsubscribeAsync<T>(Task<StreamSubscriptionHandle<T>> handle, string what)
    {
        try
        {
            await (await handle).UnsubscribeAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not unsubscribe from the stream of {Stream}", what);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendEventsAsync(stoppingToken), FlushEvaluationsAsync(stoppingToken));

    private async Task SendEventsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (groupName, e) in outbound.Reader.ReadAllAsync(stoppingToken))
            {
                var group = hub.Clients.Group(groupName);
                try
                {
                    await (e switch
                    {
                        AssessmentCreated c => group.Created(c),
                        AssessmentStatusChanged s => group.StatusChanged(s),
                        AssessmentPhaseStarted p => group.PhaseStarted(p),
                        AssessmentExtended x => group.Extended(x),
                        RuleEventReported r => group.RuleEvent(r),
                        _ => Task.CompletedTask,
                    });
                    // A new phase trades on a new account: follow its rule events from now on.
                    if (e is AssessmentPhaseStarted started && groupName != AssessmentHub.FeedGroup)
                        await FollowAccountAsync(started.AssessmentId, started.Phase.AccountId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not send an assessment event to {Group}", groupName);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushEvaluationsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Math.Max(0.1, options.Value.AccountUpdatesPerSecond)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var assessmentId in pendingEvaluations.Keys)
                {
                    if (!pendingEvaluations.TryRemove(assessmentId, out var update))
                        continue;
                    try
                    {
                        await hub.Clients.Group(AssessmentHub.GroupOf(assessmentId)).Evaluation(update);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "Could not send the evaluation of assessment {AssessmentId}", assessmentId);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed record Outbound(string Group, object Event);

    private sealed class Followed(Task<StreamSubscriptionHandle<AssessmentEvent>> handle)
    {
        public Task<StreamSubscriptionHandle<AssessmentEvent>> Handle { get; } = handle;

        public int References { get; set; }

        public string? AccountId { get; set; }

        public Task<StreamSubscriptionHandle<AccountEvent>>? AccountHandle { get; set; }
    }

    private sealed class Feed(Task<StreamSubscriptionHandle<AssessmentEvent>> handle)
    {
        public Task<StreamSubscriptionHandle<AssessmentEvent>> Handle { get; } = handle;

        public int References { get; set; }
    }
}
