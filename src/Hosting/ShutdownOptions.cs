namespace Crucible.Hosting;

/// <summary>
/// The <c>Crucible:Shutdown</c> section. On SIGTERM the host stops the silo gracefully: it leaves the
/// membership, deactivates its grains (each gets <see cref="DeactivationTimeout"/> to finish its work and
/// write its state) and lets other hosted services flush, all within <see cref="Timeout"/>. Orchestrators
/// must wait longer than that before they kill (Kubernetes terminationGracePeriodSeconds, compose stop_grace_period).
/// </summary>
public sealed class ShutdownOptions
{
    public const string Section = "Crucible:Shutdown";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
