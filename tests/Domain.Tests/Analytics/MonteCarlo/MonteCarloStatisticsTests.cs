using Crucible.Grains.Analytics.MonteCarlo;

namespace Crucible.Domain.Tests.Analytics.MonteCarlo;

public sealed class MonteCarloStatisticsTests
{
    [Theory]
    // Hand-computed: 0 of 10 → upper z² ÷ (n + z²) = 3.8415 ÷ 13.8415; 5 of 10 → 0.5 ± 1.96/1.38415 × √(0.025 + 0.0096).
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(10, 10, 0.7225, 1.0)]
    // 550 of 1000: centre 0.55192073 ÷ 1.0038415 = 0.549809, half 1.952463 × √0.00024846 = 0.030776.
    [InlineData(550, 1000, 0.5190, 0.5806)]
    public void Wilson_interval_matches_hand_computed_bounds(int successes, int trials, double lower, double upper)
    {
        var interval = ProbabilityInterval.Wilson(successes, trials);
        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    [Fact]
    public void Percentiles_are_nearest_rank_values()
    {
        var values = Enumerable.Range(1, 20).Select(i => (decimal)(21 - i)).ToArray(); // 20 … 1, unsorted
        Assert.Equal(new Percentiles(1m, 5m, 10m, 15m, 19m), Percentiles.Of(values));
        Assert.Equal(new Percentiles(7m, 7m, 7m, 7m, 7m), Percentiles.Of([7m]));
    }

    [Fact]
    public void Default_block_length_is_the_cube_root_of_the_sample_rounded_up()
    {
        Assert.Equal(1, MonteCarloSettings.DefaultBlockLength(1));
        Assert.Equal(3, MonteCarloSettings.DefaultBlockLength(27)); // exactly 3, not 4 from rounding noise
        Assert.Equal(4, MonteCarloSettings.DefaultBlockLength(28));
        Assert.Equal(5, MonteCarloSettings.DefaultBlockLength(100));
    }

    [Fact]
    public void Stationary_bootstrap_blocks_have_the_mean_length_asked_for_and_iid_has_none()
    {
        var blocks = new StationaryBootstrap(1_000, 1.0 / 5, new PathRandom(1, 0));
        int draws = 100_000, breaks = 0, previous = blocks.Next();
        var seen = new int[1_000];
        for (var i = 1; i < draws; i++)
        {
            var next = blocks.Next();
            seen[next]++;
            if (next != (previous + 1) % 1_000) breaks++;
            previous = next;
        }
        // A new block starts with probability 0.2 (and lands on the following item by chance 1 in 1,000).
        Assert.InRange((double)draws / breaks, 4.8, 5.2);
        Assert.True(seen.All(c => c > 0));

        var iid = new StationaryBootstrap(1_000, 1.0, new PathRandom(1, 0));
        previous = iid.Next();
        var runs = 0;
        for (var i = 1; i < draws; i++)
        {
            var next = iid.Next();
            if (next == (previous + 1) % 1_000) runs++;
            previous = next;
        }
        Assert.InRange(runs, 50, 150); // chance alone: 100 expected
    }

    [Fact]
    public void Path_random_depends_only_on_seed_and_path()
    {
        static ulong[] Draw(long seed, int path)
        {
            var r = new PathRandom(seed, path);
            return [r.NextUInt64(), r.NextUInt64(), r.NextUInt64()];
        }
        Assert.Equal(Draw(42, 3), Draw(42, 3));
        Assert.NotEqual(Draw(42, 3), Draw(42, 4));
        Assert.NotEqual(Draw(42, 3), Draw(43, 3));
    }
}
