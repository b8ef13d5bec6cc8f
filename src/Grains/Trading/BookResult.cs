using Crucible.Grains.Interfaces.Trading;

namespace Crucible.Grains.Trading;

/// <summary>
/// The outcome of a book command. <see cref="Error"/> set and no <see cref="Order"/>: the request was refused
/// and nothing changed. <see cref="Order"/> set: the order as it stands after the command (possibly
/// rejected, with its reason), and <see cref="Events"/> everything that changed, in order.
/// </summary>
public sealed record BookResult(Order? Order, OrderError? Error, IReadOnlyList<BookEvent> Events, bool Duplicate = false)
{
    public static BookResult Refused(OrderErrorCode code, string? field, string? message = null) =>
        new(null, new OrderError(code, field, message ?? OrderErrors.Describe(code)), []);
}
