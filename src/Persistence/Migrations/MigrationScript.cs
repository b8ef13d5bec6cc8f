using System.Security.Cryptography;
using System.Text;

namespace Crucible.Persistence.Migrations;

/// <summary>One <c>deploy/sql/*.sql</c> file: its name orders it, its checksum tells whether it changed since it ran.</summary>
public sealed record MigrationScript(string Name, string Sql, string Checksum)
{
    /// <summary>Where the hosts find the scripts: Persistence.csproj copies deploy/sql to <c>sql/</c> beside the app.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "sql");

    public static MigrationScript FromText(string name, string sql) =>
        new(name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql))));

    /// <summary>Every <c>*.sql</c> file of the folder, in ordinal file-name order (the numeric prefixes order them).</summary>
    public static IReadOnlyList<MigrationScript> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The schema scripts folder {directory} does not exist.");
        }

        return Directory.EnumerateFiles(directory, "*.sql")
            .Select(path => FromText(Path.GetFileName(path), File.ReadAllText(path, Encoding.UTF8)))
            .OrderBy(script => script.Name, StringComparer.Ordinal)
            .ToArray();
    }
}
