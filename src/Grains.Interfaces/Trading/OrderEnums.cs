namespace Crucible.Grains.Interfaces.Trading;

[GenerateSerializer, Alias("crucible.OrderSide")]
public enum OrderSide
{
    Buy = 0,
    Sell = 1,
}

[GenerateSerializer, Alias("crucible.OrderType")]
public enum OrderType
{
    Market = 0,
    Limit = 1,
    Stop = 2,
    StopLimit = 3,
    TrailingStop = 4,
}

[GenerateSerializer, Alias("crucible.TimeInForce")]
public enum TimeInForce
{
    Day = 0,
    Gtc = 1,
    Ioc = 2,
    Fok = 3,
    /// <summary>On the open: executes once, on the first quote of the next session (market- or limit-on-open).</summary>
    Opg = 4,
    /// <summary>At the close: executes once, at the session's close against its last quote (market- or limit-on-close).</summary>
    Cls = 5,
}

[GenerateSerializer, Alias("crucible.OrderClass")]
public enum OrderClass
{
    Simple = 0,
    Bracket = 1,
    Oco = 2,
    /// <summary>One-triggers-other: an entry with one exit leg (take-profit or stop-loss), held until the entry fills.</summary>
    Oto = 3,
}

/// <summary>The order lifecycle; see docs/trading.md for the transitions.</summary>
[GenerateSerializer, Alias("crucible.OrderStatus")]
public enum OrderStatus
{
    New = 0,
    Accepted = 1,
    Held = 2,
    PartiallyFilled = 3,
    Filled = 4,
    Canceled = 5,
    Expired = 6,
    Rejected = 7,
    Replaced = 8,
}
