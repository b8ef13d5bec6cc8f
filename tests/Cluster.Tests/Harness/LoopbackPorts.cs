using System.Net;
using System.Net.Sockets;

namespace Crucible.Cluster.Tests.Harness;

public static class LoopbackPorts
{
    /// <summary>
    /// Distinct free loopback ports. All are held open together while they are picked, so none repeats; they are
    /// free again (for the hosts) once this returns.
    /// </summary>
    public static IReadOnlyList<int> Free(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
