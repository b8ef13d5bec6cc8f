namespace Crucible.Cluster.Tests.Harness;

/// <summary>
/// How the cluster under test is configured, as environment variables of its hosts. The membership settings make a
/// killed silo be declared dead within seconds on loopback (docs/durability.md "Failover" explains each).
/// </summary>
public sealed record ClusterSettings
{
    public int Silos { get; init; } = 3;

    /// <summary>Orleans:Membership, bound to ClusterMembershipOptions by the Silo host.</summary>
    public IReadOnlyDictionary<string, string> Membership { get; init; } = new Dictionary<string, string>
    {
        // Probe each silo every 2 s (adaptive between 1 s and 8 s); 3 unanswered probes make a suspicion, and 2 suspicions
        // (each surviving silo probes the dead one) declare it dead: a killed silo is out within about 6 s to 10 s.
        ["ProbeTimeout"] = "00:00:02",
        ["NumMissedProbesLimit"] = "3",
        ["NumVotesForDeathDeclaration"] = "2",
        // Silos that missed the gossip read the table this often.
        ["TableRefreshTimeout"] = "00:00:05",
        ["IAmAliveTablePublishTimeout"] = "00:00:10",
    };

    /// <summary>Crucible:Shutdown:Timeout: how long SIGTERM may take before the host gives up waiting.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Crucible:Shutdown:DeactivationTimeout: each grain's share of a silo's graceful stop.</summary>
    public TimeSpan DeactivationTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Npgsql's Maximum Pool Size in every host's connection string (see docs/durability.md "Failover").</summary>
    public int MaxPoolSize { get; init; } = 10;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(180);
}
