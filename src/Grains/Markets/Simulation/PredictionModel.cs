using MathNet.Numerics.Distributions;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>
/// A binary contract's probability p as a random walk of x = logit p (x += σ√dt·Z), bounded so p stays in
/// [minProbability, 1 − minProbability] (the quote never shows certainty before resolution). After
/// <c>resolveAfterSeconds</c> of simulated time it resolves to 1 with probability p, else 0, drawn from
/// the model's own seeded stream so a replayed seed resolves the same way.
/// </summary>
public sealed class PredictionModel : IPriceModel
{
    private readonly Random _rng;
    private readonly double _volatility;
    private readonly double _resolveAfterSeconds;
    private readonly double _maxLogit;
    private double _logit;
    private double _elapsedSeconds;

    public PredictionModel(Random rng, double initialProbability, double volatility, double resolveAfterSeconds,
        double minProbability = 0.01)
    {
        if (!(minProbability is > 0 and < 0.5))
            throw new ArgumentOutOfRangeException(nameof(minProbability), minProbability, "Must be in (0, 0.5).");
        if (!(initialProbability is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(initialProbability), initialProbability, "A probability must be in (0, 1).");
        if (!(volatility >= 0)) throw new ArgumentOutOfRangeException(nameof(volatility), volatility, "Must not be negative.");
        if (!(resolveAfterSeconds > 0))
            throw new ArgumentOutOfRangeException(nameof(resolveAfterSeconds), resolveAfterSeconds, "Must be positive.");
        _rng = rng;
        _volatility = volatility;
        _resolveAfterSeconds = resolveAfterSeconds;
        _maxLogit = Logit(1 - minProbability);
        _logit = Math.Clamp(Logit(initialProbability), -_maxLogit, _maxLogit);
    }

    /// <summary>The probability the market shows; after resolution, the probability it showed when it resolved.</summary>
    public double Price => 1 / (1 + Math.Exp(-_logit));

    public double CurrentVolatility => _volatility;

    public double LongRunVolatility => _volatility;

    public double? Settlement { get; private set; }

    public double ElapsedSeconds => _elapsedSeconds;

    public double Step(double dtYears)
    {
        if (Settlement is not null) return Price;
        _logit = Math.Clamp(_logit + _volatility * Math.Sqrt(dtYears) * Normal.Sample(_rng, 0, 1), -_maxLogit, _maxLogit);
        _elapsedSeconds += dtYears * SimulatedTime.SecondsPerYear;
        if (_elapsedSeconds >= _resolveAfterSeconds)
            Settlement = _rng.NextDouble() < Price ? 1 : 0;
        return Price;
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
