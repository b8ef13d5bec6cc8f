namespace Crucible.Grains.Markets.Simulation;

/// <summary>
/// A stochastic price process advanced in steps of simulated time. Implementations own their random
/// stream (passed in, seeded) so the same seed reproduces the same path.
/// </summary>
public interface IPriceModel
{
    /// <summary>The current model price (a probability for prediction contracts).</summary>
    double Price { get; }

    /// <summary>The annualised volatility in force now; above <see cref="LongRunVolatility"/> the spread widens.</summary>
    double CurrentVolatility { get; }

    double LongRunVolatility { get; }

    /// <summary>The final value once the contract has resolved (0 or 1); null while it trades or when it never settles.</summary>
    double? Settlement { get; }

    /// <summary>Advances the process by <paramref name="dtYears"/> and returns the new price. A settled model no longer moves.</summary>
    double Step(double dtYears);
}
