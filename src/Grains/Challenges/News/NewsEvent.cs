namespace Crucible.Grains.Challenges.News;

/// <summary>A scheduled release (e.g. US non-farm payrolls) at a UTC instant; plans with a blackout trade around it with care.</summary>
public sealed record NewsEvent(DateTimeOffset Time, string Name, string? Currency);
