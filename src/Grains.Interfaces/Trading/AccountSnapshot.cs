namespace Crucible.Grains.Interfaces.Trading;

/// <summary>The virtual account's numbers; docs/trading.md gives each formula. All money in whole cents.</summary>
[GenerateSerializer, Immutable, Alias("crucible.AccountSnapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string Currency,
    [property: Id(2)] decimal InitialBalance,
    [property: Id(3)] decimal Balance,
    [property: Id(4)] decimal RealizedPnl,
    [property: Id(5)] decimal UnrealizedPnl,
    [property: Id(6)] decimal Equity,
    [property: Id(7)] decimal CommissionsPaid,
    [property: Id(8)] decimal GrossExposure,
    [property: Id(9)] decimal NetExposure,
    [property: Id(10)] decimal BuyingPower,
    [property: Id(11)] decimal MaxLeverage,
    [property: Id(12)] DateTimeOffset UpdatedAt);
