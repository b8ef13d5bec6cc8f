using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Crucible.Browser.Tests;

/// <summary>
/// Test-only hub filter: remembers every live SignalR connection of the host so a test can abort them all from the
/// server side (as a restarting or failing API host would), and keep new ones out for a while.
/// </summary>
public sealed class HubConnectionDropper : IHubFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> connections = new();
    private long holdOffUntilTicks;

    public bool HoldingOff => DateTimeOffset.UtcNow.UtcTicks < Interlocked.Read(ref holdOffUntilTicks);

    public int Count => connections.Count;

    /// <summary>Aborts every connection and refuses /hubs requests for <paramref name="holdOff"/>; returns how many were dropped.</summary>
    public int DropAll(TimeSpan holdOff)
    {
        Interlocked.Exchange(ref holdOffUntilTicks, DateTimeOffset.UtcNow.Add(holdOff).UtcTicks);
        var dropped = 0;
        foreach (var context in connections.Values)
        {
            context.Abort();
            dropped++;
        }
        return dropped;
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        connections[context.Context.ConnectionId] = context.Context;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }
}
