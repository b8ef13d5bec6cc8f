namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// How the assessment directory is split: <see cref="Count"/> shards, an assessment's shard a stable hash of its id
/// (FNV-1a, the same on every host and every run), so each change rewrites one shard's summaries, not all of them.
/// </summary>
public static class AssessmentDirectoryShards
{
    public const int Count = 256;

    public static int Of(string assessmentId)
    {
        var hash = 2166136261u;
        foreach (var c in assessmentId)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % Count);
    }
}
