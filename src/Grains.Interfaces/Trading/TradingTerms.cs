using Crucible.Grains.Interfaces.Markets;

namespace Crucible.Grains.Interfaces.Trading;

/// <summary>The costs and limits an account trades under (a plan sets them; paper accounts take the defaults).</summary>
[GenerateSerializer, Immutable, Alias("crucible.TradingTerms")]
public sealed record TradingTerms(
    [property: Id(0)] decimal MaxLeverage,
    [property: Id(1)] SlippageTerms Slippage,
    [property: Id(2)] IReadOnlyDictionary<InstrumentKind, CommissionTerms> Commissions,
    [property: Id(3)] bool LimitFillsToTopOfBook)
{
    public static TradingTerms Default { get; } = new(
        MaxLeverage: 4m,
        Slippage: new SlippageTerms(0m, 0m),
        Commissions: new Dictionary<InstrumentKind, CommissionTerms>
        {
            [InstrumentKind.Equity] = new(PerUnit: 0.005m, Bps: 0m),
            [InstrumentKind.Future] = new(PerUnit: 2.25m, Bps: 0m),
            [InstrumentKind.Crypto] = new(PerUnit: 0m, Bps: 10m),
            [InstrumentKind.Fx] = new(PerUnit: 0m, Bps: 0.3m),
            [InstrumentKind.Prediction] = new(PerUnit: 0m, Bps: 0m),
        },
        LimitFillsToTopOfBook: false);

    public CommissionTerms CommissionFor(InstrumentKind kind) =>
        Commissions.TryGetValue(kind, out var terms) ? terms : CommissionTerms.None;
}

/// <summary>Market-order slippage in basis points: a fixed part plus a part per lot of order size.</summary>
[GenerateSerializer, Immutable, Alias("crucible.SlippageTerms")]
public sealed record SlippageTerms([property: Id(0)] decimal FixedBps, [property: Id(1)] decimal BpsPerLot);

/// <summary>Commission per fill: per unit of quantity plus basis points of notional (price × quantity × multiplier).</summary>
[GenerateSerializer, Immutable, Alias("crucible.CommissionTerms")]
public sealed record CommissionTerms([property: Id(0)] decimal PerUnit, [property: Id(1)] decimal Bps)
{
    public static CommissionTerms None { get; } = new(0m, 0m);
}
