using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

// Average-cost netting: one signed position per symbol.
public sealed partial class ReferenceBroker
{
    private sealed class Holding(string symbol, decimal quantity, decimal averageEntryPrice, decimal multiplier)
    {
        public string Symbol { get; } = symbol;
        public decimal Quantity { get; set; } = quantity;
        public decimal AverageEntryPrice { get; set; } = averageEntryPrice;
        public decimal Multiplier { get; } = multiplier;
        public decimal RealizedPnl { get; set; }
    }

    /// <summary>Applies a signed fill to the symbol's position and returns the P&amp;L it realized, in cents.</summary>
    private decimal ApplyToHolding(string symbol, decimal signedQuantity, decimal price, decimal multiplier)
    {
        var holding = holdings.FirstOrDefault(h => h.Symbol == symbol);
        if (holding is null)
        {
            holdings.Add(new Holding(symbol, signedQuantity, price, multiplier));
            return 0m;
        }

        var size = Math.Abs(holding.Quantity);
        var fill = Math.Abs(signedQuantity);
        if (Math.Sign(holding.Quantity) == Math.Sign(signedQuantity))
        {
            holding.AverageEntryPrice = (holding.AverageEntryPrice * size + price * fill) / (size + fill);
            holding.Quantity += signedQuantity;
            return 0m;
        }

        var closed = Math.Min(size, fill);
        var perUnit = holding.Quantity > 0 ? price - holding.AverageEntryPrice : holding.AverageEntryPrice - price;
        var realized = Money(perUnit * closed * multiplier);

        if (fill < size)
        {
            holding.Quantity += signedQuantity;
            holding.RealizedPnl += realized;
        }
        else
        {
            holdings.Remove(holding);
            // A flip closes the position and opens a new one on the other side at the fill price.
            if (fill > size) holdings.Add(new Holding(symbol, holding.Quantity + signedQuantity, price, multiplier));
        }

        return realized;
    }

    /// <summary>Longs are marked to the bid, shorts to the ask; money is rounded each time it is computed.</summary>
    private Position ToPosition(Holding h)
    {
        quotes.TryGetValue(h.Symbol, out var quote);
        decimal? mark = quote is null ? null : h.Quantity > 0 ? quote.Bid : quote.Ask;
        var unrealized = mark is not { } m ? 0m
            : h.Quantity > 0 ? Money((m - h.AverageEntryPrice) * h.Quantity * h.Multiplier)
            : Money((h.AverageEntryPrice - m) * -h.Quantity * h.Multiplier);
        var marketValue = mark is not { } v ? 0m : Money(h.Quantity * v * h.Multiplier);
        return new Position(h.Symbol, h.Quantity, h.AverageEntryPrice, h.Multiplier, mark, unrealized, marketValue, h.RealizedPnl);
    }
}
