using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// Net positions with average cost, and the cash ledger behind the balance. The average entry is kept at full
/// decimal precision; each fill's realized P&amp;L is rounded to the cent when it happens.
/// </summary>
internal sealed class PositionLedger
{
    private sealed class Holding(string symbol, decimal multiplier)
    {
        public string Symbol { get; } = symbol;
        public decimal Multiplier { get; } = multiplier;
        public decimal Quantity { get; set; }
        public decimal AverageEntry { get; set; }
        public decimal Realized { get; set; }
    }

    private readonly SortedDictionary<string, Holding> holdings = new(StringComparer.Ordinal);

    public decimal RealizedPnl { get; private set; }

    public decimal Commissions { get; private set; }

    public IEnumerable<string> Symbols => holdings.Keys;

    public decimal QuantityOf(string symbol) => holdings.TryGetValue(symbol, out var h) ? h.Quantity : 0m;

    /// <summary>Books a fill of <paramref name="signedQuantity"/> (buy &gt; 0) and returns its realized P&amp;L and the position after it.</summary>
    public (decimal Realized, Position Position) Apply(InstrumentSpec spec, decimal signedQuantity, decimal price, decimal commission, Quote? quote)
    {
        if (!holdings.TryGetValue(spec.Symbol, out var h)) holdings[spec.Symbol] = h = new Holding(spec.Symbol, spec.Multiplier);
        Commissions += commission;
        var realized = 0m;
        var flips = false;

        if (h.Quantity == 0m || Math.Sign(h.Quantity) == Math.Sign(signedQuantity))
        {
            var size = Math.Abs(h.Quantity);
            h.AverageEntry = (h.AverageEntry * size + price * Math.Abs(signedQuantity)) / (size + Math.Abs(signedQuantity));
            h.Quantity += signedQuantity;
        }
        else
        {
            var closed = Math.Min(Math.Abs(h.Quantity), Math.Abs(signedQuantity));
            realized = Money.Cents((price - h.AverageEntry) * closed * h.Multiplier * Math.Sign(h.Quantity));
            flips = Math.Abs(signedQuantity) > Math.Abs(h.Quantity);
            h.Quantity += signedQuantity;
            if (flips) h.AverageEntry = price;
        }

        Book(h, realized);
        // A flip closes the position and opens a new one at the fill price: what the old one realized stays in
        // the account, not in the new position.
        if (flips) h.Realized = 0m;
        return (realized, Close(h, quote));
    }

    /// <summary>Closes a position at a settlement price without commission; null when there is none.</summary>
    public Position? Settle(string symbol, decimal price)
    {
        if (!holdings.TryGetValue(symbol, out var h)) return null;
        var realized = Money.Cents((price - h.AverageEntry) * h.Quantity * h.Multiplier);
        h.Quantity = 0m;
        Book(h, realized);
        return Close(h, null);
    }

    /// <summary>The position marked to <paramref name="quote"/>: longs to the bid, shorts to the ask.</summary>
    public Position View(string symbol, Quote? quote) => View(holdings[symbol], quote);

    public bool HasPositions => holdings.Count > 0;

    /// <summary>
    /// The unrealized P&amp;L of every open position marked to <paramref name="quotes"/>, each rounded as its view rounds
    /// it: the sum <see cref="View(string, Quote?)"/> would give, without a position record per holding (asked on every tick).
    /// </summary>
    public decimal UnrealizedPnl(Dictionary<string, Quote> quotes)
    {
        var total = 0m;
        foreach (var h in holdings.Values)
            if (quotes.GetValueOrDefault(h.Symbol) is { } quote) total += Unrealized(h, Mark(h, quote));
        return total;
    }

    private void Book(Holding h, decimal realized)
    {
        h.Realized += realized;
        RealizedPnl += realized;
    }

    private Position Close(Holding h, Quote? quote)
    {
        if (h.Quantity != 0m) return View(h, quote);
        holdings.Remove(h.Symbol);
        return new Position(h.Symbol, 0m, h.AverageEntry, h.Multiplier, null, 0m, 0m, h.Realized);
    }

    private static Position View(Holding h, Quote? quote)
    {
        if (quote is null) return new Position(h.Symbol, h.Quantity, h.AverageEntry, h.Multiplier, null, 0m, 0m, h.Realized);
        var mark = Mark(h, quote);
        var unrealized = Unrealized(h, mark);
        var marketValue = Money.Cents(h.Quantity * mark * h.Multiplier);
        return new Position(h.Symbol, h.Quantity, h.AverageEntry, h.Multiplier, mark, unrealized, marketValue, h.Realized);
    }

    private static decimal Mark(Holding h, Quote quote) => h.Quantity > 0m ? quote.Bid : quote.Ask;

    private static decimal Unrealized(Holding h, decimal mark) => Money.Cents((mark - h.AverageEntry) * h.Quantity * h.Multiplier);
}
