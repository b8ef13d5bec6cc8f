namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>A filter over assessments; null fields match everything. <see cref="From"/>/<see cref="To"/> bound the creation time (from inclusive, to exclusive).</summary>
[GenerateSerializer, Immutable, Alias("crucible.AssessmentQuery")]
public sealed record AssessmentQuery(
    [property: Id(0)] AssessmentStatus? Status = null,
    [property: Id(1)] string? PlanId = null,
    [property: Id(2)] string? TraderId = null,
    [property: Id(3)] DateTimeOffset? From = null,
    [property: Id(4)] DateTimeOffset? To = null,
    [property: Id(5)] int Limit = 100);
