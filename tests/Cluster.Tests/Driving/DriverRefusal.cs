namespace Crucible.Cluster.Tests.Driving;

/// <summary>A 4xx answer: the engine refused the request (e.g. insufficient buying power); nothing was acknowledged.</summary>
public sealed record DriverRefusal(string AccountId, string Operation, int Status, string Body, TimeSpan At);
