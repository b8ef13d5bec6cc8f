namespace Crucible.Grains.Interfaces.Challenges;

/// <summary>
/// How the assessment directory is split: <see cref="Count"/> shards, an assessment's shard a stable hash of its id
/// (FNV-1a, the same on every host and every run), so each change rewrites one shard's summaries, not all of them.
/// FNV-1a's low byte depends only on the low bytes of the characters, so ids that differ in a few trailing digits
/// crowd into few shards; a final avalanche (MurmurHash3's fmix32) spreads every bit before the modulus.
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
        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        hash ^= hash >> 16;
        return (int)(hash % Count);
    }
}
