using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Ledger;

/// <summary>
/// One state of an order, whole. <see cref="Version"/> counts the order's states from 1 (1 = as placed). Key:
/// (account, order id, version).
/// </summary>
public sealed record OrderRecorded(Order Order, int Version) : LedgerEntry
{
    public string AccountId => Order.AccountId;

    public override void Validate()
    {
        ArgumentNullException.ThrowIfNull(Order);
        RequireId(Order.AccountId, "Order.AccountId");
        RequireId(Order.Id, "Order.Id");
        RequireId(Order.Symbol, "Order.Symbol");
        Require(Order.LegIds is not null, "Order.LegIds", "must not be null");
        Require(Version >= 1, nameof(Version), "must be at least 1");
    }
}
