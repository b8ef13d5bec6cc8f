using System.Collections.Concurrent;
using System.Threading.Channels;
using Crucible.Grains.Interfaces.Markets;
using Microsoft.AspNetCore.SignalR;

namespace Crucible.Api.Markets;

/// <summary>
/// Hands quotes from the stream subscription to SignalR without ever making the stream wait for a client.
/// Per symbol only the newest undelivered quote is kept (latest wins): when browsers are slow, clients see
/// a gap in the sequence, never a growing backlog, and the engine never slows down.
/// </summary>
public sealed class QuoteFanout(IHubContext<MarketHub, IMarketClient> hub, ILogger<QuoteFanout> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Quote> undelivered = new(StringComparer.Ordinal);
    private readonly Channel<string> ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private long published;
    private long conflated;

    public long Published => Interlocked.Read(ref published);

    /// <summary>Quotes replaced by a newer one before they were sent.</summary>
    public long Conflated => Interlocked.Read(ref conflated);

    public void Publish(Quote quote)
    {
        Interlocked.Increment(ref published);
        var queued = false;
        undelivered.AddOrUpdate(quote.Symbol,
            _ => { queued = true; return quote; },
            (_, older) => { Interlocked.Increment(ref conflated); return older.Sequence > quote.Sequence ? older : quote; });
        if (queued)
            ready.Writer.TryWrite(quote.Symbol);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var symbol in ready.Reader.ReadAllAsync(stoppingToken))
            {
                if (!undelivered.TryRemove(symbol, out var quote))
                    continue;
                try
                {
                    await hub.Clients.Group(MarketHub.GroupOf(symbol)).Quote(quote);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not send quote {Symbol} #{Sequence} to its subscribers", symbol, quote.Sequence);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
