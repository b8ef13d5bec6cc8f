using System.Threading.Channels;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Alerts;
using Crucible.Grains.Interfaces.Markets;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;

namespace Crucible.Api.Alerts;

/// <summary>
/// Bridges users' alert streams to SignalR: while at least one of a user's connections to <c>/hubs/accounts</c> is open on
/// this host, the host follows that user's alert stream and sends each firing as <c>Alert</c> to the user's group. The
/// stream handler only queues, so a slow browser never holds up delivery from the cluster.
/// </summary>
public sealed class AlertEventBridge(
    IClusterClient cluster,
    IHubContext<AccountHub, IAccountClient> hub,
    ILogger<AlertEventBridge> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string> userByConnection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Task<StreamSubscriptionHandle<PriceAlertFired>> Handle, int References)> subscriptions = new(StringComparer.Ordinal);
    private readonly Channel<PriceAlertFired> outbound = Channel.CreateUnbounded<PriceAlertFired>(new UnboundedChannelOptions { SingleReader = true });

    public static string GroupOf(string userId) => "alerts:" + userId;

    /// <summary>Users whose alert stream this host follows.</summary>
    public int SubscriptionCount { get { lock (gate) return subscriptions.Count; } }

    /// <summary>The connection is the user's: follow the user's alerts while it is open.</summary>
    public async Task ConnectAsync(string connectionId, string userId)
    {
        Task<StreamSubscriptionHandle<PriceAlertFired>> handle;
        lock (gate)
        {
            if (!userByConnection.TryAdd(connectionId, userId))
                return;
            handle = subscriptions.TryGetValue(userId, out var current) ? current.Handle : SubscribeAsync(userId);
            subscriptions[userId] = (handle, current.References + 1);
        }
        try
        {
            await handle;
        }
        catch (Exception e)
        {
            // The account hub still works; alerts reach this page by REST until it reconnects.
            logger.LogWarning(e, "Could not follow the alert stream of user {UserId}", userId);
            await DisconnectAsync(connectionId);
        }
    }

    public async Task DisconnectAsync(string connectionId)
    {
        Task<StreamSubscriptionHandle<PriceAlertFired>>? ended = null;
        string? userId;
        lock (gate)
        {
            if (!userByConnection.Remove(connectionId, out userId))
                return;
            var (handle, references) = subscriptions[userId];
            if (references > 1)
                subscriptions[userId] = (handle, references - 1);
            else
            {
                subscriptions.Remove(userId);
                ended = handle;
            }
        }
        if (ended is null)
            return;
        try
        {
            await (await ended).UnsubscribeAsync();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Could not unsubscribe from the alert stream of user {UserId}", userId);
        }
    }

    private Task<StreamSubscriptionHandle<PriceAlertFired>> SubscribeAsync(string userId) =>
        cluster.GetStreamProvider(MarketStreams.Provider).GetStream<PriceAlertFired>(AlertStreams.EventStream(userId))
            .SubscribeAsync((e, _) =>
            {
                outbound.Writer.TryWrite(e);
                return Task.CompletedTask;
            });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var fired in outbound.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.Group(GroupOf(fired.UserId)).Alert(fired);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not send the firing of alert {AlertId} to user {UserId}", fired.Alert.Id, fired.UserId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
