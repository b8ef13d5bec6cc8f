using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Ledger;

/// <summary>
/// An account's opening: the start of its history, with what a rebuild needs to trade on as before, the
/// <see cref="Terms"/> it trades under (null: the defaults) and, for an assessment account, the phase it runs
/// (<see cref="Evaluation"/>). Key: the account id.
/// </summary>
public sealed record AccountOpened(
    string AccountId, decimal InitialBalance, DateTimeOffset Time, TradingTerms? Terms = null, AccountEvaluation? Evaluation = null)
    : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AccountId, nameof(AccountId));
        Require(InitialBalance >= 0m, nameof(InitialBalance), "must not be negative");
    }
}
