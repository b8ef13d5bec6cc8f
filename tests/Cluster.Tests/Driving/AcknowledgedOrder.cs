namespace Crucible.Cluster.Tests.Driving;

/// <summary>An order the API acknowledged (2xx): what the trader was told, which the ledger must hold.</summary>
public sealed record AcknowledgedOrder(
    string AccountId, string OrderId, string ClientOrderId, string Type, string Status, decimal FilledQuantity, int Attempts, TimeSpan At);
