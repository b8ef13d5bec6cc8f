using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

/// <summary>docs/trading.md "Times", as a check any target's fills and orders can be put through.</summary>
public static class AccountTimes
{
    /// <summary>
    /// Every way the times go back: a fill (oldest first) before the one before it or before its order was created, an
    /// order updated before it was created, or a terminal time outside [createdAt, updatedAt]. Empty when none.
    /// </summary>
    public static IReadOnlyList<string> GoingBack(IReadOnlyList<Fill> fills, IReadOnlyList<Order> orders)
    {
        var problems = new List<string>();
        for (var i = 1; i < fills.Count; i++)
        {
            if (fills[i].Time < fills[i - 1].Time)
                problems.Add($"{fills[i].Id} at {fills[i].Time:O} is before {fills[i - 1].Id} at {fills[i - 1].Time:O}");
        }

        var byId = orders.ToDictionary(o => o.Id);
        foreach (var fill in fills)
        {
            if (byId.TryGetValue(fill.OrderId, out var order) && fill.Time < order.CreatedAt)
                problems.Add($"{fill.Id} at {fill.Time:O} is before its order {order.Id} was created at {order.CreatedAt:O}");
        }

        foreach (var o in orders)
        {
            if (o.UpdatedAt < o.CreatedAt) problems.Add($"{o.Id}: updatedAt {o.UpdatedAt:O} is before createdAt {o.CreatedAt:O}");
            DateTimeOffset?[] terminal = [o.FilledAt, o.CanceledAt, o.ExpiredAt, o.RejectedAt, o.ReplacedAt];
            foreach (var end in terminal.OfType<DateTimeOffset>())
            {
                if (end < o.CreatedAt || end > o.UpdatedAt)
                    problems.Add($"{o.Id}: terminal time {end:O} is outside [{o.CreatedAt:O}, {o.UpdatedAt:O}]");
            }
        }
        return problems;
    }
}
