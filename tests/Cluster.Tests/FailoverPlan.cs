using System.Globalization;

namespace Crucible.Cluster.Tests;

/// <summary>
/// How big a run is. CI runs the defaults (about a minute on 2 cores); CRUCIBLE_FAILOVER_ORDERS and
/// CRUCIBLE_FAILOVER_ACCOUNTS make the full run of docs/durability.md ("Failover"), e.g. 5,000 orders on 200 accounts;
/// CRUCIBLE_FAILOVER_ASSESSMENTS how many assessments trade beside them.
/// </summary>
public sealed record FailoverPlan(int Accounts, int Orders, int Concurrency, int Assessments = 0)
{
    /// <summary>
    /// docs/durability.md: with the membership settings of <see cref="Harness.ClusterSettings"/>, every account whose grain
    /// lived on a killed silo answers again within this time of the kill.
    /// </summary>
    public static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    public static FailoverPlan FromEnvironment(int accounts, int orders, int assessments = 0) => new(
        Read("CRUCIBLE_FAILOVER_ACCOUNTS") ?? accounts,
        Read("CRUCIBLE_FAILOVER_ORDERS") ?? orders,
        Read("CRUCIBLE_FAILOVER_CONCURRENCY") ?? 16,
        assessments == 0 ? 0 : Read("CRUCIBLE_FAILOVER_ASSESSMENTS") ?? assessments);

    private static int? Read(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : null;
}
