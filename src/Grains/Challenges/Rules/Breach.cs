using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

internal static class Breach
{
    /// <summary>Whether <paramref name="equity"/> breaches <paramref name="floor"/>: touching it by default, going below with <c>below</c>.</summary>
    public static bool Crosses(BreachComparison comparison, decimal equity, decimal floor) =>
        comparison == BreachComparison.Below ? equity < floor : equity <= floor;

    public static string Describe(BreachComparison comparison) => comparison == BreachComparison.Below ? "<" : "≤";
}
