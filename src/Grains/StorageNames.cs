namespace Crucible.Grains;

/// <summary>The grain storage providers grains name in <c>[PersistentState]</c>: in memory when embedded, on PostgreSQL in durable mode.</summary>
public static class StorageNames
{
    /// <summary>Grain state of the engine (assessments, users).</summary>
    public const string Default = "crucible";

    /// <summary>Stream subscriptions; memory streams refuse to start without it.</summary>
    public const string PubSub = "PubSubStore";
}
