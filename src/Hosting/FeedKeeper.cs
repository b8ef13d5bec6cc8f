using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Markets.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Crucible.Hosting;

/// <summary>
/// Starts every catalog feed once the silo is active, then asks again on a period. Feeds run on grain
/// timers, which do not survive their silo: the periodic, idempotent nudge brings a feed back on a
/// surviving silo after a failover without any bookkeeping of where it ran.
/// </summary>
internal sealed class FeedKeeper(
    IGrainFactory grains,
    InstrumentCatalog catalog,
    IOptions<CrucibleOptions> options,
    ILogger<FeedKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FeedKeeper), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        loop = Task.Run(() => KeepAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task KeepAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.FeedKeeperPeriod);
        try
        {
            do
            {
                await EnsureAllStartedAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    private async Task EnsureAllStartedAsync(CancellationToken cancellationToken)
    {
        foreach (var instrument in catalog.All)
        {
            try
            {
                await grains.GetGrain<IInstrumentFeedGrain>(instrument.Symbol).EnsureStartedAsync();
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not start feed {Symbol}; will try again", instrument.Symbol);
            }
        }
    }
}
