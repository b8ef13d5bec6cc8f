using System.Reflection;

namespace Crucible.Cluster.Tests.Harness;

/// <summary>The Silo and API hosts this test project's build built (see Cluster.Tests.csproj), run as they ship.</summary>
public static class ClusterBinaries
{
    public static string SiloDll => Find("Crucible.SiloDll");

    public static string ApiDll => Find("Crucible.ApiDll");

    private static string Find(string key)
    {
        var path = typeof(ClusterBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"The test assembly lacks the {key} metadata (see Cluster.Tests.csproj).");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist: build the solution (or tests/Cluster.Tests) first.");
    }
}
