namespace Crucible.Grains.Interfaces.Alerts;

/// <summary>
/// An alert fired (on the user's alert stream, <see cref="AlertStreams"/>). <see cref="Sequence"/> counts the user's firings
/// one by one, so a client that sees a jump knows it missed one and rereads the list.
/// </summary>
[GenerateSerializer, Immutable, Alias("crucible.PriceAlertFired")]
public sealed record PriceAlertFired(
    [property: Id(0)] string UserId,
    [property: Id(1)] PriceAlert Alert,
    [property: Id(2)] long Sequence);

/// <summary>Where alert firings travel: one stream per user on the shared provider.</summary>
public static class AlertStreams
{
    public const string Events = "alerts";

    public static StreamId EventStream(string userId) => StreamId.Create(Events, userId);
}
