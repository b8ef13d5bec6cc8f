namespace Crucible.Grains.Interfaces.Trading;

/// <summary>
/// Every reason an order request or command is refused. Validation codes refuse the request and record
/// nothing; rejection codes record the order as <see cref="OrderStatus.Rejected"/>. The human text of each
/// code lives in one place: <see cref="OrderErrors"/>.
/// </summary>
[GenerateSerializer, Alias("crucible.OrderErrorCode")]
public enum OrderErrorCode
{
    // Validation: nothing is recorded.
    InvalidQuantity = 100,
    QuantityOffLotGrid = 101,
    InvalidPrice = 102,
    PriceOffTickGrid = 103,
    MissingField = 104,
    FieldNotAllowed = 105,
    UnknownSymbol = 106,
    TimeInForceNotAllowed = 107,
    InvalidClientOrderId = 108,
    InvalidBracket = 109,
    /// <summary>More than the instrument's maximum quantity (<see cref="Markets.InstrumentLimits"/>).</summary>
    QuantityTooLarge = 110,
    /// <summary>Quantity × price × multiplier above the instrument's maximum notional at a price the order may execute at.</summary>
    NotionalTooLarge = 111,
    /// <summary>A limit or stop price (or a trailing stop's first stop) outside the band around the latest quote.</summary>
    PriceOutOfBand = 112,

    // An assessment account's plan limits and phase (docs/rules.md "Limits"): refused, nothing is recorded.
    StopLossRequired = 150,
    RiskPerTradeExceeded = 151,
    ContractLimitExceeded = 152,
    LeverageLimitExceeded = 153,
    TradingBlocked = 160,
    PhaseEnded = 161,
    /// <summary>The account was rebuilt from the ledger and its phase's rules could not be: the assessment must decide first.</summary>
    EvaluationSuspended = 162,
    MustBeFlat = 163,
    NewsBlackout = 164,

    // Commands on existing orders.
    UnknownOrder = 200,
    OrderNotCancelable = 201,
    OrderNotReplaceable = 202,
    NoPosition = 203,
    UnknownAccount = 204,

    // Business rejections: the order is recorded as rejected.
    MarketClosed = 300,
    NoQuote = 301,
    InsufficientBuyingPower = 302,
    CurrencyNotSupported = 303,

    // The engine could not do it now: nothing was acknowledged; the same request may be retried.
    LedgerUnavailable = 500,
}
