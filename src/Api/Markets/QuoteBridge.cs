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
    private readonly List<StreamSubscriptionHandle<Quote>> handles = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var provider = cluster.GetStreamProvider(MarketStreams.Provider);
        foreach (var spec in await directory.GetAllAsync(cancellationToken))
        {
            var stream = provider.GetStream<Quote>(MarketStreams.QuoteStream(spec.Symbol));
            handles.Add(await stream.SubscribeAsync(OnQuote));
        }
        logger.LogInformation("Bridging {Count} quote streams to SignalR", handles.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var handle in handles)
        {
            try
            {
                await handle.UnsubscribeAsync();
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Unsubscribe from {Stream} failed during shutdown", handle.StreamId);
            }
        }
        handles.Clear();
    }

    private Task OnQuote(Quote quote, StreamSequenceToken? token)
    {
        fanout.Publish(quote);
        return Task.CompletedTask;
    }
}
