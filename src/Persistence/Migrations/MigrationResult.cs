namespace Crucible.Persistence.Migrations;

/// <summary>What one migration run did: scripts run now (new or changed) and scripts already applied as they are.</summary>
public sealed record MigrationResult(IReadOnlyList<string> Applied, IReadOnlyList<string> Unchanged);
