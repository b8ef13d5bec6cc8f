using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// How bracket and OCO orders hang together. A bracket entry lists its take-profit and stop-loss legs, which
/// name it as parent. An OCO is its take-profit limit (the parent) listing its stop-loss leg.
/// </summary>
internal static class OrderLinks
{
    public static bool IsBracketEntry(Order o) => o.Class == OrderClass.Bracket && o.ParentId is null;

    /// <summary>The orders canceled when <paramref name="o"/> fills: the other leg of a bracket or an OCO.</summary>
    public static IEnumerable<string> OtherLegs(Order o, OrderStore orders)
    {
        if (o.Class == OrderClass.Oco) return o.ParentId is { } parent ? [parent] : o.LegIds;
        if (o.Class == OrderClass.Bracket && o.ParentId is { } entry) return orders.Get(entry).LegIds.Where(id => id != o.Id);
        return [];
    }

    /// <summary>Points the relatives of <paramref name="old"/> at its replacement; returns the relatives that changed.</summary>
    public static IEnumerable<Order> Relink(Order old, Order replacement, OrderStore orders)
    {
        if (old.ParentId is { } parentId)
        {
            var parent = orders.Get(parentId);
            yield return parent with { LegIds = parent.LegIds.Select(id => id == old.Id ? replacement.Id : id).ToList() };
        }

        foreach (var legId in old.LegIds) yield return orders.Get(legId) with { ParentId = replacement.Id };
    }
}
