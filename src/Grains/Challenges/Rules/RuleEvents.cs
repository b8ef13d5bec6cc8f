using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>The rule events one observation causes, each stamped with the observation's time, numbers and source.</summary>
public sealed class RuleEvents(Observation observation)
{
    private readonly List<RuleEvent> events = [];

    public IReadOnlyList<RuleEvent> All => events;

    public void Add(string rule, RuleEventKind kind, decimal measured, decimal limit, string message) =>
        events.Add(new RuleEvent(
            observation.Time, rule, kind, measured, limit, observation.Balance, observation.Equity, observation.Cause,
            observation.Symbol, observation.QuoteSequence, observation.FillId, message, observation.Bid, observation.Ask));
}
