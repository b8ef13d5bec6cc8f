namespace Crucible.Cluster.Tests.Harness;

/// <summary>A silo process of the cluster under test and the loopback ports it was given.</summary>
public sealed record SiloHost(int Index, HostProcess Process, int SiloPort, int GatewayPort)
{
    public string Name => Process.Name;
}
