namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>A plan (tier) a trader buys: account size, price and one to three phases, the last leading to funded.</summary>
[GenerateSerializer, Immutable, Alias("crucible.ChallengePlan")]
public sealed record ChallengePlan(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] decimal AccountSize,
    [property: Id(3)] decimal Price,
    [property: Id(4)] IReadOnlyList<PhaseRules> Phases,
    [property: Id(5)] PhaseRules? Funded = null);
