using Crucible.Grains.Interfaces.Markets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crucible.Api.Health;

/// <summary>Ready when a grain call round-trips to the cluster within a short deadline.</summary>
internal sealed class ClusterReadyCheck(IClusterClient cluster) : IHealthCheck
{
    public const string ReadinessTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var instruments = await cluster.GetGrain<IInstrumentCatalogGrain>(0).GetAllAsync()
                .WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"cluster reachable; {instruments.Count} instruments");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("cluster unreachable", e);
        }
    }
}
