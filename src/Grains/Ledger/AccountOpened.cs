namespace Crucible.Grains.Ledger;

/// <summary>An account's opening balance: the start of its history. Key: the account id.</summary>
public sealed record AccountOpened(string AccountId, decimal InitialBalance, DateTimeOffset Time) : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AccountId, nameof(AccountId));
        Require(InitialBalance >= 0m, nameof(InitialBalance), "must not be negative");
    }
}
