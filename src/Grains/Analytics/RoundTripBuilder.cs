using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Analytics;

/// <summary>
/// Derives round-trip trades from an account's fills (docs/statistics.md "Round-trip trades"): per symbol, each fill
/// that reduces the position closes the oldest open lots first; a fill larger than the position closes it and opens
/// the rest the other way. Commissions are split pro rata by quantity, the last piece of a fill taking what is left, so
/// the pieces of every fill add up to its commission to the cent. A settlement closes every open lot of its contract.
/// </summary>
public static class RoundTripBuilder
{
    /// <summary>What the fills made: the closed trades in the order they closed, and the lots still open.</summary>
    public sealed record Result(IReadOnlyList<RoundTrip> Trades, IReadOnlyList<OpenLot> Open);

    private sealed class Lot(decimal signedQuantity, decimal price, DateTimeOffset time, string fillId, decimal commission)
    {
        public decimal Quantity { get; set; } = Math.Abs(signedQuantity);
        public int Sign { get; } = Math.Sign(signedQuantity);
        public decimal Price { get; } = price;
        public DateTimeOffset Time { get; } = time;
        public string FillId { get; } = fillId;
        public decimal Commission { get; set; } = commission;
    }

    /// <param name="fills">The account's fills, oldest first.</param>
    /// <param name="settlements">Settlements of prediction contracts (none for other accounts).</param>
    /// <param name="multiplierOf">Each symbol's contract multiplier (1 for an unknown symbol is the caller's choice).</param>
    /// <param name="samples">Equity samples, oldest first, for MAE/MFE (<see cref="TradeExcursions"/>); empty: none computed.</param>
    public static Result Build(IReadOnlyList<Fill> fills, IReadOnlyList<ContractSettlement> settlements, Func<string, decimal> multiplierOf,
        IReadOnlyList<EquitySample>? samples = null)
    {
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(settlements);
        ArgumentNullException.ThrowIfNull(multiplierOf);
        var books = new Dictionary<string, List<Lot>>(StringComparer.Ordinal);
        var trades = new List<RoundTrip>();
        foreach (var step in Steps(fills, settlements))
        {
            if (!books.TryGetValue(step.Symbol, out var lots)) books[step.Symbol] = lots = [];
            var multiplier = multiplierOf(step.Symbol);
            if (step.Fill is { } fill)
                ApplyFill(fill, lots, multiplier, trades);
            else
                Settle(step.Settlement!, lots, multiplier, trades);
        }

        var open = books.SelectMany(b => b.Value.Select(l => new OpenLot(b.Key, l.Sign * l.Quantity, l.Price, l.Time, l.FillId, l.Commission)))
            .OrderBy(l => l.EntryTime).ToList();
        IReadOnlyList<RoundTrip> result = trades;
        if (samples is { Count: > 0 })
            result = TradeExcursions.Apply(trades, fills, settlements, multiplierOf, samples);
        return new Result(result, open);
    }

    private sealed record Step(string Symbol, DateTimeOffset Time, Fill? Fill, ContractSettlement? Settlement);

    // Fills in their own order; a settlement after the fills of its instant (no order fills on a settlement quote).
    internal static IEnumerable<(string Symbol, DateTimeOffset Time, Fill? Fill, ContractSettlement? Settlement)> Events(
        IReadOnlyList<Fill> fills, IReadOnlyList<ContractSettlement> settlements) =>
        Steps(fills, settlements).Select(s => (s.Symbol, s.Time, s.Fill, s.Settlement));

    private static IEnumerable<Step> Steps(IReadOnlyList<Fill> fills, IReadOnlyList<ContractSettlement> settlements) =>
        fills.Select((f, i) => (Step: new Step(f.Symbol, f.Time, f, null), Kind: 0, Index: i))
            .Concat(settlements.Select((s, i) => (Step: new Step(s.Symbol, s.Time, null, s), Kind: 1, Index: i)))
            .OrderBy(e => e.Step.Time).ThenBy(e => e.Kind).ThenBy(e => e.Index)
            .Select(e => e.Step);

    private static void ApplyFill(Fill fill, List<Lot> lots, decimal multiplier, List<RoundTrip> trades)
    {
        var sign = fill.Side == OrderSide.Buy ? 1 : -1;
        var quantity = fill.Quantity;
        var commission = fill.Commission;
        while (quantity > 0m && lots.Count > 0 && lots[0].Sign != sign)
        {
            var lot = lots[0];
            var matched = Math.Min(lot.Quantity, quantity);
            var entryShare = Share(lot.Commission, matched, lot.Quantity);
            var exitShare = Share(commission, matched, quantity);
            trades.Add(Trade(trades.Count + 1, fill.Symbol, lot, matched, multiplier, fill.Time, fill.Price, fill.Id, entryShare + exitShare));
            lot.Quantity -= matched;
            lot.Commission -= entryShare;
            quantity -= matched;
            commission -= exitShare;
            if (lot.Quantity == 0m) lots.RemoveAt(0);
        }
        // What is left adds to the position, or opens it the other way after a flip, with the rest of the commission.
        if (quantity > 0m)
            lots.Add(new Lot(sign * quantity, fill.Price, fill.Time, fill.Id, commission));
    }

    private static void Settle(ContractSettlement settlement, List<Lot> lots, decimal multiplier, List<RoundTrip> trades)
    {
        foreach (var lot in lots)
            trades.Add(Trade(trades.Count + 1, settlement.Symbol, lot, lot.Quantity, multiplier, settlement.Time, settlement.Price,
                RoundTrip.SettlementExit, lot.Commission));
        lots.Clear();
    }

    private static RoundTrip Trade(int number, string symbol, Lot lot, decimal quantity, decimal multiplier, DateTimeOffset exitTime,
        decimal exitPrice, string exitFillId, decimal commission)
    {
        var gross = Cents((exitPrice - lot.Price) * quantity * multiplier * lot.Sign);
        return new RoundTrip(number, symbol, lot.Sign > 0 ? TradeDirection.Long : TradeDirection.Short, quantity, multiplier,
            lot.Time, lot.Price, lot.FillId, exitTime, exitPrice, exitFillId, gross, commission, gross - commission, null, null);
    }

    /// <summary>The pro-rata share of <paramref name="commission"/> for <paramref name="part"/> of <paramref name="whole"/>; all of it for the last piece.</summary>
    private static decimal Share(decimal commission, decimal part, decimal whole) =>
        part >= whole ? commission : Cents(commission * part / whole);

    internal static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
