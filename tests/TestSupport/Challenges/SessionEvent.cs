using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Challenges;

/// <summary>
/// One thing that happens to a challenge account, in time order: a quote, an execution, or time passing (the
/// grain's clock at a reset). The replay and the engine's observation feed are both built from a list of these.
/// </summary>
public abstract record SessionEvent(DateTimeOffset Time)
{
    /// <summary>A quote of <paramref name="Symbol"/>: longs are marked to the bid, shorts to the ask.</summary>
    public sealed record Tick(DateTimeOffset Time, string Symbol, decimal Bid, decimal Ask, long Sequence) : SessionEvent(Time);

    /// <summary>An execution; <paramref name="Commission"/> is already in whole cents.</summary>
    public sealed record Fill(
        DateTimeOffset Time,
        string Symbol,
        OrderSide Side,
        decimal Quantity,
        decimal Price,
        decimal Commission,
        string OrderId,
        string FillId) : SessionEvent(Time);

    /// <summary>A quote the account is marked to without an observation: the position book grain observes the quotes of held symbols only.</summary>
    public sealed record Mark(DateTimeOffset Time, string Symbol, decimal Bid, decimal Ask, long Sequence) : SessionEvent(Time);

    /// <summary>Time passing with nothing traded (the grain sends one at each reset).</summary>
    public sealed record Clock(DateTimeOffset Time) : SessionEvent(Time);
}
