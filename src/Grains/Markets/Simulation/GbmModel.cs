using Crucible.Grains.Markets.Catalog;
using MathNet.Numerics.Distributions;

namespace Crucible.Grains.Markets.Simulation;

/// <summary>
/// Geometric Brownian motion with optional Merton jumps and optional GARCH(1,1) volatility.
/// log S += (μ − v/2 − λk)dt + √(v·dt)·Z + Σ jumps, where v is the variance rate in force (σ² without
/// GARCH) and k = E[e^J] − 1, so the expected simple return stays μ whatever the jumps do.
/// </summary>
public sealed class GbmModel : IPriceModel
{
    private readonly Random _rng;
    private readonly double _drift;
    private readonly double _longRunVariance;
    private readonly JumpSettings? _jumps;
    private readonly GarchSettings? _garch;
    private double _logPrice;
    private double _variance;

    public GbmModel(Random rng, double initialPrice, double drift, double volatility,
        JumpSettings? jumps = null, GarchSettings? garch = null)
    {
        if (!(initialPrice > 0)) throw new ArgumentOutOfRangeException(nameof(initialPrice), initialPrice, "Must be positive.");
        if (!(volatility >= 0)) throw new ArgumentOutOfRangeException(nameof(volatility), volatility, "Must not be negative.");
        if (jumps is { } j && (j.Intensity < 0 || j.StdDev < 0))
            throw new ArgumentOutOfRangeException(nameof(jumps), "Jump intensity and standard deviation must not be negative.");
        if (garch is { } g && (g.Alpha < 0 || g.Beta < 0 || g.Alpha + g.Beta >= 1))
            throw new ArgumentOutOfRangeException(nameof(garch), "GARCH needs alpha, beta ≥ 0 and alpha + beta < 1 to have a long-run variance.");
        _rng = rng;
        _drift = drift;
        _longRunVariance = volatility * volatility;
        _jumps = jumps;
        _garch = garch;
        _logPrice = Math.Log(initialPrice);
        _variance = _longRunVariance;
    }

    public double Price => Math.Exp(_logPrice);

    /// <summary>ln(price); stays finite where a long high-drift path would overflow <see cref="Price"/>.</summary>
    public double LogPrice => _logPrice;

    public double CurrentVolatility => Math.Sqrt(_variance);

    public double LongRunVolatility => Math.Sqrt(_longRunVariance);

    public double? Settlement => null;

    public double Step(double dtYears)
    {
        var shock = Math.Sqrt(_variance * dtYears) * Normal.Sample(_rng, 0, 1);
        var jumpSum = 0.0;
        var compensation = 0.0;
        if (_jumps is { } j && j.Intensity > 0)
        {
            compensation = j.Intensity * (Math.Exp(j.Mean + j.StdDev * j.StdDev / 2) - 1);
            var count = Poisson.Sample(_rng, j.Intensity * dtYears);
            // The sum of n iid N(m, s²) log-jumps is N(n·m, n·s²): one draw instead of n.
            if (count > 0) jumpSum = Normal.Sample(_rng, count * j.Mean, Math.Sqrt(count) * j.StdDev);
        }

        _logPrice += (_drift - _variance / 2 - compensation) * dtYears + shock + jumpSum;

        if (_garch is { } g && dtYears > 0)
        {
            // GARCH(1,1) on the per-step diffusive return, kept as an annual rate so a varying dt is harmless:
            // h' = ω + α·ε² + β·h with ω = (1 − α − β)·σ²·dt ⇔ v' = (1 − α − β)·σ² + α·ε²/dt + β·v.
            // Jumps stay out of ε so one jump does not inflate volatility for weeks.
            _variance = (1 - g.Alpha - g.Beta) * _longRunVariance + g.Alpha * shock * shock / dtYears + g.Beta * _variance;
        }

        return Price;
    }
}
