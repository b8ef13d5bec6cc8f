namespace Crucible.LoadTest.Strategies;

/// <summary>An order a bot is about to send.</summary>
public sealed record OrderIntent(string Symbol, string Side, string Type, decimal Quantity, string TimeInForce = "day", decimal? LimitPrice = null);

/// <summary>What an order did, as the bot saw it in the answer.</summary>
public sealed record OrderOutcome(OrderIntent Intent, bool Accepted, decimal FilledQuantity, decimal? AveragePrice);

/// <summary>
/// A trading bot's decisions. One instance per bot; every random draw comes from the bot's own generator, seeded from the
/// run's seed and the bot's index, so a run's decisions repeat with its seed.
/// </summary>
public interface IStrategy
{
    OrderIntent Next(BotContext context);

    void Observe(OrderOutcome outcome) { }
}

/// <summary>The bot's view of the world: its generator, its net positions (from its own fills) and the latest quotes.</summary>
public sealed class BotContext(Random random, IReadOnlyList<string> symbols, decimal baseQuantity, QuoteBoard quotes)
{
    private readonly Dictionary<string, decimal> positions = new(StringComparer.Ordinal);

    public Random Random { get; } = random;
    public IReadOnlyList<string> Symbols { get; } = symbols;
    public decimal BaseQuantity { get; } = baseQuantity;
    public QuoteBoard Quotes { get; } = quotes;

    /// <summary>Positions are kept within this many base quantities, so a bot never runs out of buying power by drifting.</summary>
    public const int MaxLots = 5;

    public decimal PositionOf(string symbol) => positions.GetValueOrDefault(symbol);

    public string PickSymbol() => Symbols[Random.Next(Symbols.Count)];

    public void Apply(OrderOutcome outcome)
    {
        if (outcome.FilledQuantity == 0) return;
        var signed = outcome.Intent.Side == "buy" ? outcome.FilledQuantity : -outcome.FilledQuantity;
        positions[outcome.Intent.Symbol] = PositionOf(outcome.Intent.Symbol) + signed;
    }

    /// <summary>The side wanted, unless the position is at its cap that way: then the side that reduces it.</summary>
    public string Capped(string symbol, string side, decimal quantity)
    {
        var position = PositionOf(symbol);
        var limit = BaseQuantity * MaxLots;
        if (side == "buy" && position + quantity > limit) return "sell";
        if (side == "sell" && position - quantity < -limit) return "buy";
        return side;
    }

    public static IStrategy Create(string name) => name switch
    {
        "random" => new RandomStrategy(),
        "momentum" => new MomentumStrategy(),
        "martingale" => new MartingaleStrategy(),
        "scalper" => new ScalperStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown strategy"),
    };
}
