namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>The account's balance and equity at a moment, kept for audits and equity charts.</summary>
[GenerateSerializer, Immutable, Alias("crucible.EquitySample")]
public sealed record EquitySample(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] decimal Balance,
    [property: Id(2)] decimal Equity);
