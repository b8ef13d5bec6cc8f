namespace Crucible.Grains.Tests.Trading;

/// <summary>
/// A silo of its own for the late-quote test: it moves its fake clock through a scenario of its own, which on the
/// trading tests' silo would leave the oracle test's clock ahead of its scenario.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LateQuoteClusterCollection : ICollectionFixture<TradingClusterFixture>
{
    public const string Name = "late quote cluster";
}
