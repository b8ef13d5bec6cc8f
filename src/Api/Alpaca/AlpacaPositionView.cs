namespace Crucible.Api.Alpaca;

/// <summary>A position as Alpaca's <c>Position</c> object names its fields; <see cref="Qty"/> is negative for a short.</summary>
public sealed record AlpacaPositionView(
    string AssetId,
    string Symbol,
    string Exchange,
    string AssetClass,
    bool AssetMarginable,
    string AvgEntryPrice,
    string Qty,
    string QtyAvailable,
    string Side,
    string MarketValue,
    string CostBasis,
    string UnrealizedPl,
    string UnrealizedPlpc,
    string UnrealizedIntradayPl,
    string UnrealizedIntradayPlpc,
    string CurrentPrice,
    string LastdayPrice,
    string ChangeToday);

/// <summary>An asset as Alpaca's <c>Assets</c> object names its fields.</summary>
public sealed record AlpacaAssetView(
    string Id,
    string Class,
    string Exchange,
    string Symbol,
    string Name,
    string Status,
    bool Tradable,
    bool Marginable,
    bool Shortable,
    bool EasyToBorrow,
    bool Fractionable,
    string? MinOrderSize,
    string? MinTradeIncrement,
    string? PriceIncrement,
    int MaintenanceMarginRequirement,
    IReadOnlyList<string> Attributes);
