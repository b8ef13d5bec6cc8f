namespace Crucible.TestSupport.Trading;

/// <summary>
/// Retimes a scenario the way the cluster delivers it: a feed stamps a quote when it produces it, and the stream hands
/// it to the account a few milliseconds later, often after a command that ran in between. So each delayed quote keeps
/// its place in the list but is stamped up to <c>maxDelay</c> before the action that precedes it.
/// </summary>
public static class LateQuotes
{
    /// <summary>About half the quotes (a seeded choice) are stamped 0 to <paramref name="maxDelay"/> before the action before them.</summary>
    public static IReadOnlyList<TradingAction> Delay(IReadOnlyList<TradingAction> actions, int seed, TimeSpan maxDelay)
    {
        var random = new Random(seed);
        var retimed = new List<TradingAction>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            if (i > 0 && actions[i] is ApplyQuoteAction late && random.NextDouble() < 0.5)
            {
                var delay = TimeSpan.FromTicks((long)(random.NextDouble() * maxDelay.Ticks));
                retimed.Add(new ApplyQuoteAction(late.Quote with { Time = actions[i - 1].Now - delay }));
            }
            else retimed.Add(actions[i]);
        }
        return retimed;
    }

    /// <summary>How many actions are stamped before the action before them: the out-of-order moments a scenario holds.</summary>
    public static int OutOfOrder(IReadOnlyList<TradingAction> actions) =>
        Enumerable.Range(1, Math.Max(0, actions.Count - 1)).Count(i => actions[i].Now < actions[i - 1].Now);
}
