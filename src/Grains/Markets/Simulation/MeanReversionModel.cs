using MathNet.Numerics.Distributions;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>
/// Ornstein–Uhlenbeck on the log-price: dx = κ(θ − x)dt + σ dW with θ = ln(mean). Stepped with the exact
/// transition (not Euler), so a large dt or a fast κ cannot overshoot the mean. Used for FX pairs.
/// </summary>
public sealed class MeanReversionModel : IPriceModel
{
    private readonly Random _rng;
    private readonly double _speed;
    private readonly double _logMean;
    private readonly double _volatility;
    private double _logPrice;

    public MeanReversionModel(Random rng, double initialPrice, double volatility, double speed, double mean)
    {
        if (!(initialPrice > 0)) throw new ArgumentOutOfRangeException(nameof(initialPrice), initialPrice, "Must be positive.");
        if (!(volatility >= 0)) throw new ArgumentOutOfRangeException(nameof(volatility), volatility, "Must not be negative.");
        if (!(speed > 0)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "Must be positive.");
        if (!(mean > 0)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "Must be positive.");
        _rng = rng;
        _speed = speed;
        _logMean = Math.Log(mean);
        _volatility = volatility;
        _logPrice = Math.Log(initialPrice);
    }

    public double Price => Math.Exp(_logPrice);

    public double CurrentVolatility => _volatility;

    public double LongRunVolatility => _volatility;

    public double? Settlement => null;

    public double Step(double dtYears)
    {
        var decay = Math.Exp(-_speed * dtYears);
        var stdDev = _volatility * Math.Sqrt((1 - decay * decay) / (2 * _speed));
        _logPrice = _logMean + (_logPrice - _logMean) * decay + stdDev * Normal.Sample(_rng, 0, 1);
        return Price;
    }
}
