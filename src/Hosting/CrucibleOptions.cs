namespace Crucible.Hosting;

/// <summary>The <c>Crucible</c> configuration section shared by every host.</summary>
public sealed class CrucibleOptions
{
    public const string Section = "Crucible";

    /// <summary>Path of the instrument catalog, relative to the application folder unless rooted.</summary>
    public string CatalogPath { get; set; } = Path.Combine("config", "instruments.json");

    /// <summary>Path of the challenge plan catalog, relative to the application folder unless rooted.</summary>
    public string PlansPath { get; set; } = Path.Combine("config", "plans.json");

    /// <summary>Path of the news calendar (plans' news blackouts), relative to the application folder unless rooted.</summary>
    public string NewsPath { get; set; } = Path.Combine("config", "news.json");

    public StreamOptions Streams { get; set; } = new();

    /// <summary>How often each silo makes sure every catalog feed is running (it restarts feeds after a failover).</summary>
    public TimeSpan FeedKeeperPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Evaluator identities accepted by evaluator commands until authentication exists; null or empty means ["evaluator"].</summary>
    public string[]? Evaluators { get; set; }
}

/// <summary>
/// Memory-stream tuning. Pulling agents poll each queue when it was empty on the last read; the period is
/// the floor on stream latency (Orleans' default is 100 ms), traded against idle polling work.
/// </summary>
public sealed class StreamOptions
{
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMilliseconds(10);

    public int Queues { get; set; } = 4;

    /// <summary>
    /// How long a delivered message stays in the pulling agent's cache at least, and the age beyond which it goes.
    /// The cache only serves consumers that rewind or fall behind; nothing in Crucible rewinds, and at Orleans' defaults
    /// (5 and 30 minutes) it kept every account event and quote for half an hour: memory grew with ticks × holders.
    /// </summary>
    public TimeSpan CacheMinTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc cref="CacheMinTime"/>
    public TimeSpan CacheMaxAge { get; set; } = TimeSpan.FromSeconds(10);
}
