namespace Crucible.Cluster.Tests.Driving;

/// <summary>A cancel the API acknowledged (200): the ledger's latest state of that order must be canceled.</summary>
public sealed record AcknowledgedCancel(string AccountId, string OrderId, TimeSpan At);
