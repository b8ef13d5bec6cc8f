using Crucible.Grains.Interfaces.Challenges;

namespace Crucible.Grains.Challenges.Rules;

/// <summary>The rule events one observation causes, each stamped with the observation's time, numbers and source.</summary>
public sealed class RuleEvents(Observation observation)
{
    // Most observations cause nothing: the list is made at the first event, and none answers a shared empty list.
    private List<RuleEvent>? events;

    public IReadOnlyList<RuleEvent> All => events ?? (IReadOnlyList<RuleEvent>)[];

    public void Add(string rule, RuleEventKind kind, decimal measured, decimal limit, string message) =>
        (events ??= []).Add(new RuleEvent(
            observation.Time, rule, kind, measured, limit, observation.Balance, observation.Equity, observation.Cause,
            observation.Symbol, observation.QuoteSequence, observation.FillId, message, observation.Bid, observation.Ask));

    /// <summary>
    /// Starts over for the next observation (the engine keeps one instance): the events so far are handed out and the
    /// next ones go to a new list, so a list already returned never changes.
    /// </summary>
    internal void Restart(Observation next)
    {
        observation = next;
        events = null;
    }
}
