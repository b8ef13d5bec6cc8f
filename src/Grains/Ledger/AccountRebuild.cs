using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Ledger;

/// <summary>
/// Recomputes an account from its ledger after its grain state is lost, with the arithmetic of docs/trading.md
/// ("Positions", "Money and rounding"). Each fill's realized P&amp;L and commission are taken as recorded: they were
/// rounded to the cent when the fill happened, and the balance is their sum.
/// </summary>
public static class AccountRebuild
{
    public static RebuiltAccount From(AccountHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var opened = history.Opened
            ?? throw new InvalidOperationException($"The ledger has no opening for account {history.AccountId}: it cannot be rebuilt.");

        var positions = new SortedDictionary<string, RebuiltPosition>(StringComparer.Ordinal);
        foreach (var movement in Movements(history))
        {
            var held = positions.GetValueOrDefault(movement.Symbol);
            var after = movement.Settlement ? null : Apply(held, movement);
            if (after is null) positions.Remove(movement.Symbol);
            else positions[movement.Symbol] = after;
        }

        var realized = history.Fills.Sum(f => f.Fill.RealizedPnl) + history.Settlements.Sum(s => s.RealizedPnl);
        var commissions = history.Fills.Sum(f => f.Fill.Commission);
        var orders = LatestStates(history.Orders);
        return new RebuiltAccount(
            history.AccountId,
            opened.InitialBalance,
            realized,
            commissions,
            opened.InitialBalance + realized - commissions,
            positions.Values.ToList(),
            orders,
            orders.Where(o => o.IsWorking).ToList(),
            history.Fills.Select(f => f.Fill).ToList());
    }

    private sealed record Movement(string Symbol, decimal SignedQuantity, decimal Price, decimal Realized, bool Settlement);

    // Fills and settlements by time; no order fills on a settlement quote, so at the same instant fills come first.
    private static IEnumerable<Movement> Movements(AccountHistory history) =>
        history.Fills
            .Select(f => (f.Fill.Time, Kind: 0, Move: new Movement(
                f.Fill.Symbol, f.Fill.Side == OrderSide.Buy ? f.Fill.Quantity : -f.Fill.Quantity, f.Fill.Price, f.Fill.RealizedPnl, false)))
            .Concat(history.Settlements.Select(s => (s.Time, Kind: 1, Move: new Movement(s.Symbol, -s.Quantity, s.Price, s.RealizedPnl, true))))
            .OrderBy(m => m.Time).ThenBy(m => m.Kind)
            .Select(m => m.Move);

    // Netting with average cost: adding moves the average, reducing keeps it, crossing zero opens the rest at the
    // fill price with nothing realized yet.
    private static RebuiltPosition? Apply(RebuiltPosition? held, Movement fill)
    {
        var quantity = held?.Quantity ?? 0m;
        if (quantity == 0m || Math.Sign(quantity) == Math.Sign(fill.SignedQuantity))
        {
            var size = Math.Abs(quantity);
            var added = Math.Abs(fill.SignedQuantity);
            var average = ((held?.AverageEntryPrice ?? 0m) * size + fill.Price * added) / (size + added);
            return new RebuiltPosition(fill.Symbol, quantity + fill.SignedQuantity, average, (held?.RealizedPnl ?? 0m) + fill.Realized);
        }

        var remaining = quantity + fill.SignedQuantity;
        if (remaining == 0m) return null;
        return Math.Sign(remaining) == Math.Sign(quantity)
            ? held! with { Quantity = remaining, RealizedPnl = held!.RealizedPnl + fill.Realized }
            : new RebuiltPosition(fill.Symbol, remaining, fill.Price, 0m);
    }

    private static List<Order> LatestStates(IReadOnlyList<OrderRecorded> changes)
    {
        var latest = new Dictionary<string, OrderRecorded>(StringComparer.Ordinal);
        var placed = new List<string>();
        foreach (var change in changes)
        {
            if (!latest.TryGetValue(change.Order.Id, out var known)) placed.Add(change.Order.Id);
            if (known is null || change.Version > known.Version) latest[change.Order.Id] = change;
        }

        return placed.Select(id => latest[id].Order).ToList();
    }
}
