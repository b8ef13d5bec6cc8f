using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Ledger;

/// <summary>
/// An account recomputed from its ledger: <c>balance = initial + realized P&amp;L − commissions</c>, open positions
/// (by symbol), the latest state of every order (in the order they were placed) and the working ones among them.
/// </summary>
public sealed record RebuiltAccount(
    string AccountId,
    decimal InitialBalance,
    decimal RealizedPnl,
    decimal Commissions,
    decimal Balance,
    IReadOnlyList<RebuiltPosition> Positions,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<Order> WorkingOrders,
    IReadOnlyList<Fill> Fills);
