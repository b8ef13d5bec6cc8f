namespace Crucible.Grains.Interfaces.Trading;

/// <summary>The human side of <see cref="OrderErrorCode"/>: one message per code, kept in one place.</summary>
public static class OrderErrors
{
    public static bool IsRejection(OrderErrorCode code) => (int)code is >= 300 and < 500;

    /// <summary>The engine could not record the command durably (500–599): nothing was acknowledged; retrying is safe.</summary>
    public static bool IsUnavailable(OrderErrorCode code) => (int)code >= 500;

    /// <summary>A refusal by an assessment account's plan limits or phase state (150–199): nothing is recorded.</summary>
    public static bool IsPlanRefusal(OrderErrorCode code) => (int)code is >= 150 and < 200;

    public static string Describe(OrderErrorCode code) => code switch
    {
        OrderErrorCode.InvalidQuantity => "The quantity must be a positive number.",
        OrderErrorCode.QuantityOffLotGrid => "The quantity must be a whole number of the instrument's lots.",
        OrderErrorCode.InvalidPrice => "The price must be positive (and below 1 for a prediction contract).",
        OrderErrorCode.PriceOffTickGrid => "The price must be a multiple of the instrument's tick size.",
        OrderErrorCode.MissingField => "A field this order type needs is missing.",
        OrderErrorCode.FieldNotAllowed => "A field was given that this order type does not take.",
        OrderErrorCode.UnknownSymbol => "No instrument has this symbol.",
        OrderErrorCode.TimeInForceNotAllowed => "This time in force is not allowed for this order.",
        OrderErrorCode.InvalidClientOrderId => "The client order id must be 1 to 64 printable characters.",
        OrderErrorCode.InvalidBracket => "The bracket or OCO legs are inconsistent.",
        OrderErrorCode.QuantityTooLarge => "The quantity is more than the instrument's maximum order quantity.",
        OrderErrorCode.NotionalTooLarge => "The order's value (quantity × price × multiplier) is more than the instrument's maximum order notional.",
        OrderErrorCode.PriceOutOfBand => "The price is too far from the market: it must lie within the instrument's price band around the latest quote.",
        OrderErrorCode.StopLossRequired => "The plan requires a stop-loss (a bracket or OCO) on every order that opens exposure.",
        OrderErrorCode.RiskPerTradeExceeded => "The loss to the attached stop is more than the plan's maximum risk per trade.",
        OrderErrorCode.ContractLimitExceeded => "The position after the order would be more contracts than the plan allows.",
        OrderErrorCode.LeverageLimitExceeded => "The gross exposure after the order would be more than the plan's maximum leverage.",
        OrderErrorCode.TradingBlocked => "Trading is blocked after a soft daily-loss breach until the next daily reset.",
        OrderErrorCode.PhaseEnded => "The assessment phase of this account has ended; it takes no new orders.",
        OrderErrorCode.EvaluationSuspended =>
            "The account was restored from a ledger without a readable snapshot of its phase, so its rules could not resume; it takes no new orders until an evaluator decides.",
        OrderErrorCode.MustBeFlat => "The plan requires the account to be flat now (after its flat-by or weekend close, until the next reset); only orders that reduce a position are taken.",
        OrderErrorCode.NewsBlackout => "The plan does not take this order inside a news blackout window.",
        OrderErrorCode.UnknownOrder => "The account has no order with this id.",
        OrderErrorCode.OrderNotCancelable => "Only a working order can be canceled.",
        OrderErrorCode.OrderNotReplaceable => "Only an accepted order without fills can be replaced.",
        OrderErrorCode.NoPosition => "The account has no position in this symbol.",
        OrderErrorCode.UnknownAccount => "No account has this id; open it first.",
        OrderErrorCode.MarketClosed => "The market of this instrument is closed.",
        OrderErrorCode.NoQuote => "The instrument has no quote yet.",
        OrderErrorCode.InsufficientBuyingPower => "The order would exceed the account's buying power.",
        OrderErrorCode.CurrencyNotSupported => "The instrument is quoted in a currency the account does not hold.",
        OrderErrorCode.LedgerUnavailable =>
            "The ledger could not record this durably, so nothing was acknowledged; retry (with the same clientOrderId, a retry is not placed twice).",
        _ => code.ToString(),
    };
}
