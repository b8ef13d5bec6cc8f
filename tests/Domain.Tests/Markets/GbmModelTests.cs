using Crucible.Grains.Markets.Catalog;
using Crucible.Grains.Markets.Simulation;
using MathNet.Numerics.Random;

namespace Crucible.Domain.Tests.Markets;

public sealed class GbmModelTests
{
    private const int Steps = 100_000;

    private static double[] LogReturns(GbmModel model, double dt)
    {
        var returns = new double[Steps];
        var previous = model.LogPrice;
        for (var i = 0; i < Steps; i++)
        {
            model.Step(dt);
            returns[i] = model.LogPrice - previous;
            previous = model.LogPrice;
        }
        return returns;
    }

    [Fact]
    public void Gbm_log_returns_have_configured_drift_and_volatility()
    {
        // Monthly steps make the drift large against its standard error, so a missing −σ²/2 term shows.
        const double mu = 0.3, sigma = 0.2, dt = 1.0 / 12;
        var returns = LogReturns(new GbmModel(new MersenneTwister(42, false), 100, mu, sigma), dt);

        var expectedMean = (mu - sigma * sigma / 2) * dt;   // 0.02333
        var expectedStd = sigma * Math.Sqrt(dt);            // 0.05774
        // Standard errors of iid normal samples: mean σ√dt/√n ≈ 1.8e-4; std σ√dt/√(2n) ≈ 1.3e-4.
        var meanTolerance = 4 * expectedStd / Math.Sqrt(Steps);
        var stdTolerance = 4 * expectedStd / Math.Sqrt(2.0 * Steps);

        Assert.InRange(SampleStatistics.Mean(returns), expectedMean - meanTolerance, expectedMean + meanTolerance);
        Assert.InRange(SampleStatistics.StdDev(returns), expectedStd - stdTolerance, expectedStd + stdTolerance);
        // Without the Itô correction the mean would be μ·dt = 0.025, about 9 standard errors away.
        Assert.True(Math.Abs(SampleStatistics.Mean(returns) - mu * dt) > meanTolerance);
    }

    [Fact]
    public void Gbm_with_jumps_keeps_simple_return_drift_and_has_fat_tails()
    {
        const double mu = 0.3, sigma = 0.2, dt = 1.0 / 252;
        // 50 jumps a year of mean −2 % (sd 5 %): 0.2 jumps per step; uncompensated they would add −0.37 % a step.
        var jumps = new JumpSettings(Intensity: 50, Mean: -0.02, StdDev: 0.05);
        var simple = LogReturns(new GbmModel(new MersenneTwister(7, false), 100, mu, sigma, jumps), dt)
            .Select(r => Math.Exp(r) - 1).ToArray();

        // E[S(t+dt)/S(t) − 1] = e^{μ·dt} − 1 exactly when the jumps are compensated.
        var expectedMean = Math.Exp(mu * dt) - 1;
        var tolerance = 4 * SampleStatistics.StdDev(simple) / Math.Sqrt(Steps);   // ≈ 3.4e-4
        Assert.InRange(SampleStatistics.Mean(simple), expectedMean - tolerance, expectedMean + tolerance);

        // Sample kurtosis of normal data has standard error √(24/n) ≈ 0.015; fat tails must clear 3 by 4 of them.
        Assert.True(SampleStatistics.Kurtosis(simple) > 3 + 4 * Math.Sqrt(24.0 / Steps),
            $"kurtosis {SampleStatistics.Kurtosis(simple)}");
    }

    [Fact]
    public void Gbm_without_jumps_has_normal_kurtosis()
    {
        var returns = LogReturns(new GbmModel(new MersenneTwister(7, false), 100, 0.1, 0.2), 1.0 / 252);
        Assert.InRange(SampleStatistics.Kurtosis(returns), 3 - 4 * Math.Sqrt(24.0 / Steps), 3 + 4 * Math.Sqrt(24.0 / Steps));
    }

    [Fact]
    public void Garch_returns_have_long_run_variance_sigma_squared_dt_and_cluster()
    {
        const double sigma = 0.2, dt = 1.0 / 252;
        var returns = LogReturns(new GbmModel(new MersenneTwister(11, false), 100, 0, sigma, garch: new GarchSettings(0.1, 0.85)), dt);

        // GARCH returns are persistent and fat-tailed, so the iid formula understates the error of the sample
        // variance; batch means over 100 blocks of 1,000 steps measure it instead.
        var expectedVariance = sigma * sigma * dt;
        var tolerance = 4 * SampleStatistics.BatchStandardError(returns, 100, SampleStatistics.Variance);
        Assert.InRange(SampleStatistics.Variance(returns), expectedVariance - tolerance, expectedVariance + tolerance);

        // For α = 0.1, β = 0.85 theory gives a lag-1 autocorrelation of squared returns of about 0.18;
        // iid returns would give 0 ± 1/√n.
        var squared = returns.Select(r => r * r).ToArray();
        Assert.True(SampleStatistics.Autocorrelation(squared, 1) > 4 / Math.Sqrt(Steps),
            $"autocorrelation {SampleStatistics.Autocorrelation(squared, 1)}");
    }

    [Fact]
    public void Constant_volatility_returns_do_not_cluster()
    {
        var squared = LogReturns(new GbmModel(new MersenneTwister(11, false), 100, 0, 0.2), 1.0 / 252).Select(r => r * r).ToArray();
        Assert.InRange(SampleStatistics.Autocorrelation(squared, 1), -4 / Math.Sqrt(Steps), 4 / Math.Sqrt(Steps));
    }

    [Fact]
    public void Garch_requires_alpha_plus_beta_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new GbmModel(new MersenneTwister(1, false), 100, 0, 0.2, garch: new GarchSettings(0.2, 0.8)));
    }

    [Fact]
    public void Same_seed_gives_the_same_path()
    {
        var a = new GbmModel(new MersenneTwister(5, false), 100, 0.1, 0.3, new JumpSettings(10, 0, 0.1), new GarchSettings(0.05, 0.9));
        var b = new GbmModel(new MersenneTwister(5, false), 100, 0.1, 0.3, new JumpSettings(10, 0, 0.1), new GarchSettings(0.05, 0.9));
        for (var i = 0; i < 1000; i++) Assert.Equal(a.Step(1e-4), b.Step(1e-4));
    }
}
