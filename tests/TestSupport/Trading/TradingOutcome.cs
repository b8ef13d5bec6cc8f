using Crucible.Grains.Interfaces.Trading;

namespace Crucible.TestSupport.Trading;

/// <summary>
/// What a command did, in terms every target can report: the order as it stands afterwards, or the code and
/// field of the refusal. Quotes and clock advances report neither.
/// </summary>
public sealed record TradingOutcome(Order? Order, OrderErrorCode? ErrorCode, string? ErrorField, bool Duplicate = false)
{
    public static TradingOutcome None { get; } = new(null, null, null);

    public static TradingOutcome Refused(OrderErrorCode code, string? field) => new(null, code, field);
}
