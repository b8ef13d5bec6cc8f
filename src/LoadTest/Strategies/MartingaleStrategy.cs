namespace Crucible.LoadTest.Strategies;

/// <summary>
/// Opens a position on a random side, then closes it; after a losing round trip the next one is twice the size (up to
/// the cap), after a winning one it starts again from the base quantity.
/// </summary>
public sealed class MartingaleStrategy : IStrategy
{
    private int lots = 1;
    private (string Symbol, string Side, decimal Quantity, decimal Price)? open;

    public OrderIntent Next(BotContext context)
    {
        if (open is { } position)
            return new OrderIntent(position.Symbol, position.Side == "buy" ? "sell" : "buy", "market", position.Quantity);
        var symbol = context.PickSymbol();
        var quantity = context.BaseQuantity * lots;
        return new OrderIntent(symbol, context.Capped(symbol, context.Random.Next(2) == 0 ? "buy" : "sell", quantity), "market", quantity);
    }

    public void Observe(OrderOutcome outcome)
    {
        if (outcome.FilledQuantity == 0 || outcome.AveragePrice is not { } price) return;
        if (open is not { } position)
        {
            open = (outcome.Intent.Symbol, outcome.Intent.Side, outcome.FilledQuantity, price);
            return;
        }
        var gain = position.Side == "buy" ? price - position.Price : position.Price - price;
        lots = gain < 0 ? Math.Min(lots * 2, BotContext.MaxLots) : 1;
        open = null;
    }
}
