namespace Crucible.Grains.Interfaces.Trading;

/// <summary>The human side of <see cref="OrderErrorCode"/>: one message per code, kept in one place.</summary>
public static class OrderErrors
{
    public static bool IsRejection(OrderErrorCode code) => (int)code >= 300;

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
        OrderErrorCode.UnknownOrder => "The account has no order with this id.",
        OrderErrorCode.OrderNotCancelable => "Only a working order can be canceled.",
        OrderErrorCode.OrderNotReplaceable => "Only an accepted order without fills can be replaced.",
        OrderErrorCode.NoPosition => "The account has no position in this symbol.",
        OrderErrorCode.UnknownAccount => "No account has this id; open it first.",
        OrderErrorCode.MarketClosed => "The market of this instrument is closed.",
        OrderErrorCode.NoQuote => "The instrument has no quote yet.",
        OrderErrorCode.InsufficientBuyingPower => "The order would exceed the account's buying power.",
        OrderErrorCode.CurrencyNotSupported => "The instrument is quoted in a currency the account does not hold.",
        _ => code.ToString(),
    };
}
