using Crucible.Grains.Interfaces.Benchmarks;

namespace Crucible.Grains.Benchmarks;

/// <summary>The macro benchmark's grain baselines (<see cref="IPingGrain"/>): no state, no storage, no streams.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    private long deliveries;

    public Task<long> PingAsync(long value) => Task.FromResult(value);

    public Task FanOutAsync(long first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // One-way calls complete when sent; nothing to await.
        for (var key = first; key < first + count; key++)
            _ = GrainFactory.GetGrain<IPingGrain>(key).DeliverAsync();
        return Task.CompletedTask;
    }

    public Task DeliverAsync()
    {
        deliveries++;
        return Task.CompletedTask;
    }

    public Task<long> GetDeliveriesAsync() => Task.FromResult(deliveries);
}
