namespace Crucible.LoadTest.Strategies;

/// <summary>Market orders of one to three base quantities on a random side and symbol, positions capped.</summary>
public sealed class RandomStrategy : IStrategy
{
    public OrderIntent Next(BotContext context)
    {
        var symbol = context.PickSymbol();
        var quantity = context.BaseQuantity * context.Random.Next(1, 4);
        var side = context.Capped(symbol, context.Random.Next(2) == 0 ? "buy" : "sell", quantity);
        return new OrderIntent(symbol, side, "market", quantity);
    }
}
