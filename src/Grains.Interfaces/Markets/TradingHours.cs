namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// A weekly session in an IANA time zone. <see cref="Open"/> after <see cref="Close"/> is an overnight
/// session that starts on one of <see cref="Days"/> and ends the next day (futures: 17:00–16:00 CT);
/// <see cref="Open"/> equal to <see cref="Close"/> is a 24-hour session from <see cref="Open"/> (00:00–00:00 is
/// each listed calendar day; FX's 24/5 week is 17:00–17:00 New York, Sunday to Thursday).
/// An instrument without trading hours trades around the clock (crypto).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.TradingHours")]
public sealed record TradingHours(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] TimeOnly Open,
    [property: Id(2)] TimeOnly Close,
    [property: Id(3)] IReadOnlyList<DayOfWeek> Days);
