using Crucible.Api.Markets;
using Crucible.Api.Trading;
using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Markets;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Alpaca;

/// <summary>Our orders, accounts, positions and instruments in Alpaca's shapes. Pure mapping plus catalog look-ups.</summary>
public sealed class AlpacaViews(InstrumentDirectory directory)
{
    public async Task<AlpacaOrderView> OrderAsync(Order order, IReadOnlyList<Order>? legs = null)
    {
        var spec = await directory.FindAsync(order.Symbol);
        var type = FieldReader.SnakeCase(order.Type.ToString());
        return new AlpacaOrderView(
            Id: order.Id,
            // Alpaca always has one: it makes one up when the client sends none; ours is the order id then.
            ClientOrderId: order.ClientOrderId ?? order.Id,
            CreatedAt: AlpacaJson.Time(order.CreatedAt),
            UpdatedAt: AlpacaJson.Time(order.UpdatedAt),
            SubmittedAt: AlpacaJson.Time(order.CreatedAt),
            FilledAt: AlpacaJson.Time(order.FilledAt),
            ExpiredAt: AlpacaJson.Time(order.ExpiredAt),
            CanceledAt: AlpacaJson.Time(order.CanceledAt),
            FailedAt: AlpacaJson.Time(order.RejectedAt),
            ReplacedAt: AlpacaJson.Time(order.ReplacedAt),
            ReplacedBy: order.ReplacedById,
            Replaces: order.ReplacesId,
            AssetId: AlpacaSymbols.AssetId(order.Symbol),
            Symbol: AlpacaSymbols.Display(spec, order.Symbol),
            AssetClass: AlpacaSymbols.AssetClass(spec),
            // A notional order shows the amount it was placed for and no qty, as Alpaca's do; filled_qty says what it bought.
            Notional: AlpacaJson.Number(order.Notional),
            Qty: order.Notional is null ? AlpacaJson.Number(order.Quantity) : null,
            FilledQty: AlpacaJson.Number(order.FilledQuantity),
            FilledAvgPrice: AlpacaJson.Number(order.AverageFillPrice),
            // A simple order's class is "" in Alpaca's bodies; a leg of a bracket or an OCO is of its parent's class.
            OrderClass: order.Class == OrderClass.Simple ? "" : FieldReader.SnakeCase(order.Class.ToString()),
            OrderType: type,
            Type: type,
            Side: FieldReader.SnakeCase(order.Side.ToString()),
            TimeInForce: FieldReader.SnakeCase(order.TimeInForce.ToString()),
            LimitPrice: AlpacaJson.Number(order.LimitPrice),
            StopPrice: AlpacaJson.Number(order.StopPrice),
            Status: FieldReader.SnakeCase(order.Status.ToString()),
            ExtendedHours: false,
            Legs: legs is null || legs.Count == 0 ? null : await Task.WhenAll(legs.Select(l => OrderAsync(l))),
            TrailPercent: AlpacaJson.Number(order.TrailPercent),
            TrailPrice: AlpacaJson.Number(order.TrailAmount),
            Hwm: AlpacaJson.Number(order.Watermark),
            ExpiresAt: AlpacaJson.Time(order.ExpiresAt),
            PositionIntent: "");
    }

    /// <summary>The order with its legs inside it, as Alpaca returns a bracket from POST and from GET with nested=true.</summary>
    public async Task<AlpacaOrderView> OrderWithLegsAsync(IPositionBookGrain book, Order order)
    {
        if (order.LegIds.Count == 0) return await OrderAsync(order);
        var legs = await Task.WhenAll(order.LegIds.Select(book.GetOrderAsync));
        return await OrderAsync(order, legs.OfType<Order>().ToList());
    }

    public async Task<AlpacaPositionView> PositionAsync(Position position)
    {
        var spec = await directory.FindAsync(position.Symbol);
        var costBasis = position.Quantity * position.AverageEntryPrice * position.Multiplier;
        var plpc = costBasis == 0 ? 0 : Math.Round(position.UnrealizedPnl / Math.Abs(costBasis), 10);
        var price = position.MarkPrice ?? position.AverageEntryPrice;
        return new AlpacaPositionView(
            AssetId: AlpacaSymbols.AssetId(position.Symbol),
            Symbol: AlpacaSymbols.Display(spec, position.Symbol),
            Exchange: AlpacaSymbols.Exchange(spec),
            AssetClass: AlpacaSymbols.AssetClass(spec),
            AssetMarginable: spec?.Kind != InstrumentKind.Crypto,
            AvgEntryPrice: AlpacaJson.Number(position.AverageEntryPrice),
            Qty: AlpacaJson.Number(position.Quantity),
            QtyAvailable: AlpacaJson.Number(position.Quantity),
            Side: position.Quantity < 0 ? "short" : "long",
            MarketValue: AlpacaJson.Number(position.MarketValue),
            CostBasis: AlpacaJson.Number(costBasis),
            UnrealizedPl: AlpacaJson.Number(position.UnrealizedPnl),
            UnrealizedPlpc: AlpacaJson.Number(plpc),
            // No prior close is kept per position: the intraday figures are the whole unrealized ones (docs/alpaca.md).
            UnrealizedIntradayPl: AlpacaJson.Number(position.UnrealizedPnl),
            UnrealizedIntradayPlpc: AlpacaJson.Number(plpc),
            CurrentPrice: AlpacaJson.Number(price),
            LastdayPrice: AlpacaJson.Number(price),
            ChangeToday: "0");
    }

    public static AlpacaAccountView Account(AccountSnapshot account, IReadOnlyList<Position> positions, EvaluationState? evaluation,
        DateTimeOffset createdAt)
    {
        var longValue = positions.Where(p => p.Quantity > 0).Sum(p => p.MarketValue);
        var shortValue = positions.Where(p => p.Quantity < 0).Sum(p => p.MarketValue);
        var margin = account.MaxLeverage == 0 ? account.GrossExposure : Math.Round(account.GrossExposure / account.MaxLeverage, 2);
        var blocked = evaluation is not null && (evaluation.TradingBlocked || evaluation.Status != PhaseStatus.Active);
        var buyingPower = AlpacaJson.Number(account.BuyingPower);
        return new AlpacaAccountView(
            Id: account.Id,
            AccountNumber: account.Id,
            Status: "ACTIVE",
            CryptoStatus: "ACTIVE",
            Currency: account.Currency,
            BuyingPower: buyingPower,
            RegtBuyingPower: buyingPower,
            DaytradingBuyingPower: buyingPower,
            EffectiveBuyingPower: buyingPower,
            NonMarginableBuyingPower: AlpacaJson.Number(Math.Max(0m, account.Balance - margin)),
            Cash: AlpacaJson.Number(account.Balance),
            AccruedFees: "0",
            PortfolioValue: AlpacaJson.Number(account.Equity),
            PatternDayTrader: false,
            TradingBlocked: blocked,
            TransfersBlocked: true,
            AccountBlocked: false,
            CreatedAt: AlpacaJson.Time(createdAt),
            TradeSuspendedByUser: false,
            Multiplier: AlpacaJson.Number(account.MaxLeverage),
            ShortingEnabled: true,
            Equity: AlpacaJson.Number(account.Equity),
            LastEquity: AlpacaJson.Number(account.InitialBalance),
            LongMarketValue: AlpacaJson.Number(longValue),
            ShortMarketValue: AlpacaJson.Number(shortValue),
            PositionMarketValue: AlpacaJson.Number(longValue + shortValue),
            InitialMargin: AlpacaJson.Number(margin),
            MaintenanceMargin: AlpacaJson.Number(margin),
            LastMaintenanceMargin: "0",
            Sma: "0",
            DaytradeCount: 0,
            BalanceAsof: account.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd"),
            CryptoTier: 1,
            OptionsTradingLevel: 0,
            // No options, transfers or regulatory fees in a simulator: Alpaca's zeros.
            OptionsBuyingPower: "0",
            OptionsApprovedLevel: 0,
            BodDtbp: 0,
            PendingTransferIn: "0",
            IntradayAdjustments: "0",
            PendingRegTafFees: "0",
            AdminConfigurations: new Dictionary<string, object>(),
            UserConfigurations: null);
    }

    public static AlpacaAssetView Asset(InstrumentSpec spec) => new(
        Id: AlpacaSymbols.AssetId(spec.Symbol),
        Class: AlpacaSymbols.AssetClass(spec),
        Exchange: AlpacaSymbols.Exchange(spec),
        Symbol: AlpacaSymbols.Display(spec, spec.Symbol),
        Name: spec.Name,
        Status: "active",
        Tradable: true,
        Marginable: spec.Kind != InstrumentKind.Crypto,
        Shortable: true,
        EasyToBorrow: true,
        Fractionable: spec.LotSize < 1,
        MinOrderSize: AlpacaJson.Number(spec.LotSize),
        MinTradeIncrement: AlpacaJson.Number(spec.LotSize),
        PriceIncrement: AlpacaJson.Number(spec.TickSize),
        MaintenanceMarginRequirement: 25,
        Attributes: []);
}
