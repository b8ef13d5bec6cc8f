using Orleans.Concurrency;

namespace Crucible.Grains.Interfaces.Benchmarks;

/// <summary>
/// A benchmark baseline, not a feature (bench/README.md "Macro"): the cheapest grain call there is and a one-way fan-out,
/// so the macro benchmark can put the order path over grains beside what Orleans itself does on the same machine in the
/// same run. Nothing in the engine calls it; it holds no state but a delivery count kept in memory.
/// </summary>
[Alias("crucible.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Answers its argument: one round trip through the gateway and the activation, no work.</summary>
    [Alias("Ping")]
    Task<long> PingAsync(long value);

    /// <summary>
    /// Sends one one-way <see cref="DeliverAsync"/> to each ping grain keyed <paramref name="first"/> to
    /// <paramref name="first"/> + <paramref name="count"/> − 1 and answers once they are sent (not delivered), the way a
    /// feed hands a tick to its followers.
    /// </summary>
    [Alias("FanOut")]
    Task FanOutAsync(long first, int count);

    /// <summary>Counts one delivery of a fan-out.</summary>
    [OneWay, Alias("Deliver")]
    Task DeliverAsync();

    /// <summary>Deliveries this activation has received.</summary>
    [Alias("GetDeliveries")]
    Task<long> GetDeliveriesAsync();
}
