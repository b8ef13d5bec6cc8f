namespace Crucible.Grains.Analytics.MonteCarlo;

/// <summary>
/// Index stream of the stationary bootstrap (Politis &amp; Romano 1994) over n items: the first index is uniform; each
/// next one starts a new block at a uniform index with probability p = 1 ÷ mean block length, else continues the block
/// with the following item, wrapping from the last to the first (so every item is equally likely at every step).
/// Block lengths are geometric with mean 1 ÷ p. With p = 1 it is the i.i.d. bootstrap.
/// </summary>
public struct StationaryBootstrap(int n, double newBlockProbability, PathRandom random)
{
    private PathRandom random = random;
    private int current = -1;

    public int Next()
    {
        current = current < 0 || newBlockProbability >= 1.0 || random.NextDouble() < newBlockProbability
            ? random.Next(n)
            : current + 1 == n ? 0 : current + 1;
        return current;
    }
}
