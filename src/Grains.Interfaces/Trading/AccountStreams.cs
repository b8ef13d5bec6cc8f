namespace Crucible.Grains.Interfaces.Trading;

/// <summary>Where account events travel: one stream per account on the shared provider.</summary>
public static class AccountStreams
{
    public const string Events = "accounts";

    public static StreamId EventStream(string accountId) => StreamId.Create(Events, accountId);
}
