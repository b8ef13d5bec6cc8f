using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges;

/// <summary>A scaling plan: the contract allowance grows with the balance (Topstep style), read at each day's start.</summary>
public static class ContractScaling
{
    /// <summary>
    /// The allowance of the highest tier whose <c>balanceAtLeast</c> ≤ <paramref name="balance"/>; below every tier, the
    /// lowest tier's (a firm never takes trading away below its first step: the loss rules do that).
    /// </summary>
    public static decimal AllowanceFor(IReadOnlyList<ContractScalingTier> tiers, decimal balance)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var ordered = tiers.OrderBy(t => t.BalanceAtLeast).ToList();
        return ordered.LastOrDefault(t => t.BalanceAtLeast <= balance)?.MaxContracts ?? ordered[0].MaxContracts;
    }
}
