using Crucible.TestSupport.Challenges;

namespace Crucible.Domain.Tests.Challenges;

/// <summary>The thousand sessions (seeds 1–1,000) the challenge tests share, generated once: they are immutable.</summary>
internal static class GeneratedSessions
{
    private const int FirstSeed = 1;
    private const int Count = 1_000;

    private static readonly Lazy<IReadOnlyList<ChallengeSession>> Sessions =
        new(() => Enumerable.Range(FirstSeed, Count).Select(ChallengeSessionGenerator.Generate).ToList());

    public static IReadOnlyList<ChallengeSession> All => Sessions.Value;
}
