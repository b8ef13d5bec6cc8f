using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Ledger;

/// <summary>One execution of an account. Key: (account, fill id).</summary>
public sealed record FillRecorded(string AccountId, Fill Fill) : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AccountId, nameof(AccountId));
        ArgumentNullException.ThrowIfNull(Fill);
        RequireId(Fill.Id, "Fill.Id");
        RequireId(Fill.OrderId, "Fill.OrderId");
        RequireId(Fill.Symbol, "Fill.Symbol");
        Require(Fill.Quantity > 0m, "Fill.Quantity", "must be positive");
    }
}
