namespace Crucible.Api.Tests.Alpaca;

/// <summary>
/// A fact that needs Node.js: skipped, saying so, only when no <c>node</c> is on the PATH (a developer machine without
/// it). CI installs Node (.ci/run), so there it always runs.
/// </summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeTool.Find("node") is null)
            Skip = "Node.js is not installed here (no 'node' on the PATH); .ci/run installs it, so CI runs this test.";
    }
}

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
