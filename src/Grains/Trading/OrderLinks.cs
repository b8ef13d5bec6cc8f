using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// How bracket, OTO and OCO orders hang together. A bracket entry lists its take-profit and stop-loss legs, which
/// name it as parent; an OTO entry lists its one leg the same way. An OCO is its take-profit limit (the parent)
/// listing its stop-loss leg.
/// </summary>
internal static class OrderLinks
{
    /// <summary>An entry whose legs are held until it fills: a bracket's or an OTO's.</summary>
    public static bool IsBracketEntry(Order o) => o.Class is OrderClass.Bracket or OrderClass.Oto && o.ParentId is null;

    /// <summary>The orders canceled when <paramref name="o"/> fills: the other leg of a bracket or an OCO.</summary>
    public static IEnumerable<string> OtherLegs(Order o, OrderStore orders)
    {
        if (o.Class == OrderClass.Oco) return o.ParentId is { } parent ? [parent] : o.LegIds;
        if (o.Class == OrderClass.Bracket && o.ParentId is { } entry) return orders.Get(entry).LegIds.Where(id => id != o.Id);
        return [];
    }

    /// <summary>
    /// Points the relatives of <paramref name="old"/> at its replacement, touching their <c>UpdatedAt</c>; a held
    /// bracket leg also takes the replacement's quantity. Returns the relatives that changed.
    /// </summary>
    public static IEnumerable<Order> Relink(Order old, Order replacement, OrderStore orders, DateTimeOffset now)
    {
        if (old.ParentId is { } parentId)
        {
            var parent = orders.Get(parentId);
            yield return parent with { LegIds = parent.LegIds.Select(id => id == old.Id ? replacement.Id : id).ToList(), UpdatedAt = now };
        }

        foreach (var legId in old.LegIds)
        {
            var leg = orders.Get(legId);
            var quantity = leg.Status == OrderStatus.Held ? replacement.Quantity : leg.Quantity;
            yield return leg with { ParentId = replacement.Id, Quantity = quantity, UpdatedAt = now };
        }
    }
}
