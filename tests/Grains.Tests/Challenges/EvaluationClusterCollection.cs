using Crucible.Grains.Tests.Trading;

namespace Crucible.Grains.Tests.Challenges;

/// <summary>A silo of its own for the phase tests: they move its fake clock day by day, apart from the trading tests' clock.</summary>
[CollectionDefinition(Name)]
public sealed class EvaluationClusterCollection : ICollectionFixture<TradingClusterFixture>
{
    public const string Name = "evaluation cluster";
}
