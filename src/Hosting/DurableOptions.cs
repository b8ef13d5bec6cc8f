namespace Crucible.Hosting;

/// <summary>The <c>Crucible:Durable</c> section: what a host does about the schema when durable mode is on.</summary>
public sealed class DurableOptions
{
    public const string Section = "Crucible:Durable";

    /// <summary>Apply deploy/sql before the silo starts (the scripts are idempotent and serialised by an advisory lock).</summary>
    public bool MigrateOnStart { get; set; }
}
