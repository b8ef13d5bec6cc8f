namespace Crucible.Domain.Tests.Markets;

/// <summary>Locates files in the source tree (not the build output), so tests read what is committed.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string ReplayDirectory => Path.Combine(Root, "src", "Grains", "config", "replay");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln"))) return dir.FullName;
        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
