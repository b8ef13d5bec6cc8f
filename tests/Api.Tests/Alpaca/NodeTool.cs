namespace Crucible.Api.Tests.Alpaca;

/// <summary>Finds Node.js and the repository's Alpaca client folder for the end-to-end test.</summary>
public static class NodeTool
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>The repository's tests/AlpacaClient folder, found upward from the test binaries.</summary>
    public static string ClientDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "AlpacaClient");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("tests/AlpacaClient not found above " + AppContext.BaseDirectory);
    }
}
