using Crucible.Grains.Markets.Simulation;
using MathNet.Numerics.Random;

namespace Crucible.Domain.Tests.Markets;

public sealed class MeanReversionModelTests
{
    [Fact]
    public void Mean_reversion_log_price_averages_ln_mean_after_many_steps()
    {
        const double speed = 5, mean = 1.10, sigma = 0.1, dt = 1.0 / 252;
        const int burnIn = 5_000, steps = 100_000;
        // Starts 18 % away from the mean; after the burn-in (e^{−κ·20 years}) no trace of the start is left.
        var model = new MeanReversionModel(new MersenneTwister(3, false), 1.30, sigma, speed, mean);
        for (var i = 0; i < burnIn; i++) model.Step(dt);
        var logPrices = new double[steps];
        for (var i = 0; i < steps; i++) logPrices[i] = Math.Log(model.Step(dt));

        // Stationary sd of an OU process is σ/√(2κ) ≈ 0.032; with step autocorrelation φ = e^{−κdt} ≈ 0.98 the
        // standard error of the mean is sd·√((1+φ)/((1−φ)n)) ≈ 0.001.
        var phi = Math.Exp(-speed * dt);
        var standardError = sigma / Math.Sqrt(2 * speed) * Math.Sqrt((1 + phi) / ((1 - phi) * steps));
        Assert.InRange(SampleStatistics.Mean(logPrices), Math.Log(mean) - 4 * standardError, Math.Log(mean) + 4 * standardError);
        Assert.InRange(SampleStatistics.StdDev(logPrices), 0.8 * sigma / Math.Sqrt(2 * speed), 1.2 * sigma / Math.Sqrt(2 * speed));
    }
}
