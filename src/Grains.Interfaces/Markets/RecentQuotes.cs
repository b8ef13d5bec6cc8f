namespace Crucible.Grains.Interfaces.Markets;

/// <summary>
/// The quotes a feed published after a sequence number, oldest first, from its recent history
/// (<see cref="IInstrumentFeedGrain.GetQuotesAfterAsync"/>). <see cref="Complete"/> is false when the history does not reach
/// back to that number (it keeps a bounded number of quotes, and starts afresh when the feed's grain is activated again):
/// then quotes between the number and <see cref="Quotes"/>' first one were published and are not there.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.RecentQuotes")]
public sealed record RecentQuotes(
    [property: Id(0)] IReadOnlyList<Quote> Quotes,
    [property: Id(1)] bool Complete);
