namespace Crucible.Grains.Interfaces.Alerts;

/// <summary>
/// When an alert fires, compared with <see cref="PriceAlert.Level"/> (docs/alerts.md). "Above" and "below" are inclusive
/// (at or above, at or below); a cross needs a quote strictly on the other side first: <see cref="CrossesUp"/> fires on the
/// first quote at or above the level after one below it, <see cref="CrossesDown"/> on the first at or below after one above,
/// <see cref="Crosses"/> on either.
/// </summary>
[GenerateSerializer, Alias("crucible.PriceAlertCondition")]
public enum PriceAlertCondition
{
    Above = 0,
    Below = 1,
    CrossesUp = 2,
    CrossesDown = 3,
    Crosses = 4,
}

/// <summary>Which price of a quote an alert watches. Mid is the default: it moves with the market, not with one side's spread.</summary>
[GenerateSerializer, Alias("crucible.PriceAlertSource")]
public enum PriceAlertSource
{
    Mid = 0,
    Bid = 1,
    Ask = 2,
}

[GenerateSerializer, Alias("crucible.PriceAlertState")]
public enum PriceAlertState
{
    /// <summary>Watching quotes.</summary>
    Armed = 0,
    /// <summary>Fired once, on <see cref="PriceAlert.Trigger"/>; never again.</summary>
    Fired = 1,
}

/// <summary>The quote that fired an alert: the price compared (per the alert's source), the quote's bid and ask, its feed sequence and time.</summary>
[GenerateSerializer, Immutable, Alias("crucible.PriceAlertTrigger")]
public sealed record PriceAlertTrigger(
    [property: Id(0)] decimal Price,
    [property: Id(1)] decimal Bid,
    [property: Id(2)] decimal Ask,
    [property: Id(3)] long Sequence,
    [property: Id(4)] DateTimeOffset QuoteTime);

/// <summary>
/// One user's price alert on one symbol. It watches the quotes after <see cref="AfterSequence"/> (the feed's sequence when
/// it was created) and fires once, on the first that meets its condition; <see cref="FiredAt"/> is that quote's engine time.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.PriceAlert")]
public sealed record PriceAlert(
    [property: Id(0)] string Id,
    [property: Id(1)] string Symbol,
    [property: Id(2)] PriceAlertCondition Condition,
    [property: Id(3)] PriceAlertSource Source,
    [property: Id(4)] decimal Level,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] long AfterSequence,
    [property: Id(7)] PriceAlertState State,
    [property: Id(8)] DateTimeOffset? FiredAt = null,
    [property: Id(9)] PriceAlertTrigger? Trigger = null,
    [property: Id(10)] string? Note = null);

/// <summary>What a new alert asks for; the symbol is the catalog's and the level positive (the API checks both).</summary>
[GenerateSerializer, Immutable, Alias("crucible.NewPriceAlert")]
public sealed record NewPriceAlert(
    [property: Id(0)] string Symbol,
    [property: Id(1)] PriceAlertCondition Condition,
    [property: Id(2)] PriceAlertSource Source,
    [property: Id(3)] decimal Level,
    [property: Id(4)] string? Note = null);

/// <summary>The alert created, or null when the user already keeps <see cref="IPriceAlertsGrain.MaxAlerts"/>.</summary>
[GenerateSerializer, Immutable, Alias("crucible.PriceAlertResult")]
public sealed record PriceAlertResult(
    [property: Id(0)] PriceAlert? Alert,
    [property: Id(1)] bool TooMany = false);
