using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crucible.LoadTest;

/// <summary>
/// A sample of SignalR clients, as a trader's dashboard would be: each follows the traded symbols on /hubs/market
/// (tick-to-client: the quote's time to its arrival here) and one account on /hubs/accounts (order-to-fill: the bot's
/// submit to the Fill event's arrival). Clock differences between this machine and the engine's count in the first.
/// </summary>
public sealed class SignalRSampler(Uri? target, RunCounters counters) : IAsyncDisposable
{
    private readonly List<HubConnection> connections = [];

    // Submit times of the sampled accounts' orders, by client order id; the engine's order id is learned from the answer
    // or from the Order event, whichever comes first, and the Fill event is matched by it.
    private readonly ConcurrentDictionary<string, long> submittedByClientId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> submittedByOrderId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> fillsBeforeOrder = new(StringComparer.Ordinal);
    private readonly HashSet<string> sampledAccounts = new(StringComparer.Ordinal);
    private long quotes;
    private long accountEvents;

    public long Quotes => Interlocked.Read(ref quotes);
    public long AccountEvents => Interlocked.Read(ref accountEvents);
    public int Connected => connections.Count(c => c.State == HubConnectionState.Connected);

    public bool IsSampled(string accountId) => sampledAccounts.Contains(accountId);

    /// <summary>Connects a client per sampled account; none without an API host (a run over grains without --api).</summary>
    public async Task StartAsync(IReadOnlyList<(EngineUser User, string AccountId)> sample, IReadOnlyList<string> symbols, CancellationToken cancellationToken)
    {
        if (target is null) return;
        foreach (var (user, accountId) in sample)
        {
            var market = Build("/hubs/market", null);
            market.On<JsonElement>("Quote", quote =>
            {
                Interlocked.Increment(ref quotes);
                if (quote.TryGetProperty("time", out var time) && time.TryGetDateTimeOffset(out var at))
                    counters.TickToClient.Record(DateTimeOffset.UtcNow - at);
            });
            await market.StartAsync(cancellationToken);
            await market.InvokeAsync<JsonElement>("Subscribe", symbols.ToArray(), cancellationToken);
            connections.Add(market);

            var account = Build("/hubs/accounts", user);
            account.On<JsonElement>("Order", e => { Interlocked.Increment(ref accountEvents); OnOrder(e); });
            account.On<JsonElement>("Fill", e => { Interlocked.Increment(ref accountEvents); OnFill(e); });
            await account.StartAsync(cancellationToken);
            await account.InvokeAsync<JsonElement>("Subscribe", accountId, cancellationToken);
            connections.Add(account);
            sampledAccounts.Add(accountId);
        }
    }

    private HubConnection Build(string path, EngineUser? user) => new HubConnectionBuilder()
        .WithUrl(new Uri(target!, path), o =>
        {
            if (user is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
        })
        .Build();

    public void Submitted(string clientOrderId, long timestamp) => submittedByClientId[clientOrderId] = timestamp;

    /// <summary>The answer named the order: a fill that arrived before it is matched now.</summary>
    public void Answered(string clientOrderId, string orderId)
    {
        if (!submittedByClientId.TryRemove(clientOrderId, out var submitted)) return;
        if (fillsBeforeOrder.TryRemove(orderId, out var filledAt))
            counters.OrderToFill.Record(Stopwatch.GetElapsedTime(submitted, filledAt));
        else
            submittedByOrderId[orderId] = submitted;
    }

    private void OnOrder(JsonElement e)
    {
        if (!e.TryGetProperty("order", out var order)) return;
        if (order.TryGetProperty("clientOrderId", out var cid) && cid.ValueKind == JsonValueKind.String
            && order.TryGetProperty("id", out var id) && submittedByClientId.TryRemove(cid.GetString()!, out var submitted))
        {
            if (fillsBeforeOrder.TryRemove(id.GetString()!, out var filledAt))
                counters.OrderToFill.Record(Stopwatch.GetElapsedTime(submitted, filledAt));
            else
                submittedByOrderId.TryAdd(id.GetString()!, submitted);
        }
    }

    private void OnFill(JsonElement e)
    {
        var now = Stopwatch.GetTimestamp();
        if (!e.TryGetProperty("fill", out var fill) || !fill.TryGetProperty("orderId", out var orderId)) return;
        if (submittedByOrderId.TryRemove(orderId.GetString()!, out var submitted))
            counters.OrderToFill.Record(Stopwatch.GetElapsedTime(submitted, now));
        else
            fillsBeforeOrder[orderId.GetString()!] = now;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            try { await connection.DisposeAsync(); }
            catch (Exception) { /* a connection the engine already dropped */ }
        }
    }
}
