using Crucible.Grains.Interfaces.Challenges;
using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Api.Challenges;

/// <summary>What a line of an audit time line records: an order, a fill, or a rule event.</summary>
public enum AuditEntryKind
{
    Order = 0,
    Fill = 1,
    Rule = 2,
}

/// <summary>
/// One line of an audit's time line. <see cref="Equity"/> and <see cref="Balance"/>: a rule event's own; after a fill, the
/// book's sample taken right after it; for an order, the last sample before it was placed. <see cref="Price"/>: the fill price,
/// or an order's limit (else stop) price. <see cref="Bid"/>/<see cref="Ask"/> and <see cref="QuoteSequence"/>: the tick
/// that caused it (a fill's own sequence; a rule event's quote). The floors are the ones in force at <see cref="Time"/>.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset Time,
    AuditEntryKind Kind,
    string? Id,
    string? Symbol,
    OrderSide? Side,
    decimal? Quantity,
    decimal? Price,
    OrderStatus? Status,
    string? Rule,
    RuleEventKind? RuleKind,
    decimal? Measured,
    decimal? Limit,
    decimal? Balance,
    decimal? Equity,
    decimal? Bid,
    decimal? Ask,
    long? QuoteSequence,
    ObservationCause? Cause,
    string Message,
    decimal? DailyFloor,
    decimal? OverallFloor,
    OrderType? OrderType,
    decimal? StopPrice,
    string? OrderId,
    OrderErrorCode? RejectReason);
