namespace Crucible.LoadTest.Strategies;

/// <summary>
/// Immediate-or-cancel limit orders at the touch (buy at the ask, sell at the bid it last saw): they fill when the quote
/// has not moved against it, else they are canceled. Sides alternate, positions capped.
/// </summary>
public sealed class ScalperStrategy : IStrategy
{
    private bool buyNext = true;

    public OrderIntent Next(BotContext context)
    {
        var symbol = context.PickSymbol();
        var quantity = context.BaseQuantity;
        var side = context.Capped(symbol, buyNext ? "buy" : "sell", quantity);
        buyNext = !buyNext;
        var touch = context.Quotes.Touch(symbol);
        if (touch is not { } quote)
            return new OrderIntent(symbol, side, "market", quantity);
        return new OrderIntent(symbol, side, "limit", quantity, "ioc", side == "buy" ? quote.Ask : quote.Bid);
    }
}
