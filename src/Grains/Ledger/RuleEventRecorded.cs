using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Ledger;

/// <summary>A rule evaluation that changed something, with its evidence. <see cref="Sequence"/> counts the account's rule events from 1. Key: (account, sequence).</summary>
public sealed record RuleEventRecorded(string AccountId, long Sequence, RuleEvent Event) : LedgerEntry
{
    public override void Validate()
    {
        RequireId(AccountId, nameof(AccountId));
        Require(Sequence >= 1, nameof(Sequence), "must be at least 1");
        ArgumentNullException.ThrowIfNull(Event);
        RequireId(Event.Rule, "Event.Rule");
        Require(Event.Message is not null, "Event.Message", "must not be null");
    }
}
