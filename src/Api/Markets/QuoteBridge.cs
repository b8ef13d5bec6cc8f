using Crucible.Grains.Interfaces.Markets;
using Orleans.Streams;

namespace Crucible.Api.Markets;

/// <summary>
/// Subscribes this API host to every instrument's quote stream and passes each quote to the fan-out.
/// Market data is few streams with many browsers each, so one subscription per symbol per host, made at
/// start, is cheaper than subscribing per browser.
/// </summary>
public sealed class QuoteBridge(
    IClusterClient cluster,
    InstrumentDirectory directory,
    QuoteFanout fanout,
    ILogger<QuoteBridge> logger) : IHostedService
{
    // Swapped whole, so a second StopAsync (hosts may stop twice) never sees a list being emptied.
    private (string Symbol, StreamSubscriptionHandle<Quote> Handle)[] handles = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = cluster.GetStreamProvider(MarketStreams.Provider);
        var subscribed = new List<(string, StreamSubscriptionHandle<Quote>)>();
        foreach (var spec in await directory.GetAllAsync(cancellationToken))
        {
            var stream = provider.GetStream<Quote>(MarketStreams.QuoteStream(spec.Symbol));
            subscribed.Add((spec.Symbol, await stream.SubscribeAsync(OnQuote)));
        }
        handles = [.. subscribed];
        logger.LogInformation("Bridging {Count} quote streams to SignalR", handles.Length);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (symbol, handle) in Interlocked.Exchange(ref handles, []))
        {
            try
            {
                await handle.UnsubscribeAsync();
            }
            catch (Exception e)
            {
                // The silo may already be going down with the host; its subscriptions go with it.
                logger.LogDebug(e, "Unsubscribe from the {Symbol} quote stream failed during shutdown", symbol);
            }
        }
    }

    private Task OnQuote(Quote quote, StreamSequenceToken? token)
    {
        fanout.Publish(quote);
        return Task.CompletedTask;
    }
}
