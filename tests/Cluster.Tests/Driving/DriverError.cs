namespace Crucible.Cluster.Tests.Driving;

/// <summary>
/// A request that did not get an answer the driver could use: a 5xx, a timeout or a refused connection. The driver
/// retries it (an order with the same client order id, so a retry never places it twice); each failed attempt is one
/// error. <see cref="At"/> is the time since the run started.
/// </summary>
public sealed record DriverError(string AccountId, string Operation, string What, TimeSpan At);
