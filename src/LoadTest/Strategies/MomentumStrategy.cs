namespace Crucible.LoadTest.Strategies;

/// <summary>Follows the last move of the mid price it saw for a symbol (buy after a rise, sell after a fall), positions capped.</summary>
public sealed class MomentumStrategy : IStrategy
{
    private readonly Dictionary<string, decimal> lastMid = new(StringComparer.Ordinal);

    public OrderIntent Next(BotContext context)
    {
        var symbol = context.PickSymbol();
        var mid = context.Quotes.Mid(symbol);
        var previous = lastMid.GetValueOrDefault(symbol);
        if (mid is { } m) lastMid[symbol] = m;
        var side = mid is null || previous == 0m || mid == previous
            ? (context.Random.Next(2) == 0 ? "buy" : "sell")
            : mid > previous ? "buy" : "sell";
        var quantity = context.BaseQuantity;
        return new OrderIntent(symbol, context.Capped(symbol, side, quantity), "market", quantity);
    }
}
