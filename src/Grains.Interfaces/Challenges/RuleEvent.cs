namespace Crucible.Grains.Interfaces.Challenges;

[GenerateSerializer, Alias("crucible.RuleEventKind")]
public enum RuleEventKind
{
    Breach = 0,
    SoftBreach = 1,
    FloorMoved = 2,
    DayRolledOver = 3,
    ObjectiveMet = 4,
    ObjectiveUnmet = 5,
    Passed = 6,
    Expired = 7,
    TradingResumed = 8,

    /// <summary>An evaluator moved the time limit (measured: the days added, limit: the new limit in days).</summary>
    Extended = 9,

    /// <summary>The phase was ended by a decision (a manual pass or fail, a reset); the message is the reason.</summary>
    Decided = 10,

    /// <summary>The plan closed positions and canceled orders at its flat-by or weekend close (measured: positions closed).</summary>
    Flattened = 11,

    /// <summary>An order was refused inside a news blackout window (measured: the order's quantity).</summary>
    OrderRefused = 12,

    /// <summary>
    /// Evidence that does not fail the phase: a position left without a stop-loss (closed at market), or a resting order
    /// filled inside a news blackout window.
    /// </summary>
    Violation = 13,
}

[GenerateSerializer, Alias("crucible.ObservationCause")]
public enum ObservationCause
{
    Start = 0,
    Tick = 1,
    Fill = 2,
    Clock = 3,
}

/// <summary>
/// Evidence: one evaluation that changed something, with what was measured against what, the account's numbers
/// and the tick or fill that caused it, so an evaluator can replay why. <see cref="Bid"/> and <see cref="Ask"/> are the
/// quote of <see cref="Symbol"/> the account was marked at (the tick itself, or the touch when the fill happened).
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.RuleEvent")]
public sealed record RuleEvent(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string Rule,
    [property: Id(2)] RuleEventKind Kind,
    [property: Id(3)] decimal Measured,
    [property: Id(4)] decimal Limit,
    [property: Id(5)] decimal Balance,
    [property: Id(6)] decimal Equity,
    [property: Id(7)] ObservationCause Cause,
    [property: Id(8)] string? Symbol,
    [property: Id(9)] long? QuoteSequence,
    [property: Id(10)] string? FillId,
    [property: Id(11)] string Message,
    [property: Id(12)] decimal? Bid = null,
    [property: Id(13)] decimal? Ask = null);
