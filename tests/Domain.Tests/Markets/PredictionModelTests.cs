using Crucible.Grains.Markets.Simulation;
using MathNet.Numerics.Random;

namespace Crucible.Domain.Tests.Markets;

public sealed class PredictionModelTests
{
    [Fact]
    public void Prediction_settles_to_one_as_often_as_the_probability_at_resolution_says()
    {
        const int paths = 2_000;
        const double resolveAfter = 3_600, dtSeconds = 18;
        var dt = SimulatedTime.ToYears(dtSeconds);
        double probabilitySum = 0, varianceSum = 0;
        var ones = 0;
        for (var seed = 1; seed <= paths; seed++)
        {
            // σ = 100 a year in logit space is ≈ 1 over the hour: probabilities spread widely before resolving.
            var model = new PredictionModel(new MersenneTwister(seed, false), 0.3, 100, resolveAfter);
            var steps = 0;
            while (model.Settlement is null)
            {
                model.Step(dt);
                steps++;
            }
            Assert.InRange(steps, 200, 201);   // 200 × 18 s, give or take float rounding of the sum
            Assert.True(model.Settlement is 0 or 1);
            probabilitySum += model.Price;
            varianceSum += model.Price * (1 - model.Price);
            if (model.Settlement == 1) ones++;
        }

        // The count of ones is a sum of independent Bernoulli(pᵢ): standard error √Σpᵢ(1−pᵢ) / n of the fraction.
        var standardError = Math.Sqrt(varianceSum) / paths;
        Assert.InRange((double)ones / paths, probabilitySum / paths - 4 * standardError, probabilitySum / paths + 4 * standardError);
    }

    [Fact]
    public void Prediction_probability_stays_inside_the_bounds()
    {
        var model = new PredictionModel(new MersenneTwister(1, false), 0.5, 10_000, 1e9, minProbability: 0.01);
        for (var i = 0; i < 10_000; i++)
        {
            var p = model.Step(SimulatedTime.ToYears(1));
            Assert.InRange(p, 0.01 - 1e-12, 0.99 + 1e-12);
        }
    }
}
