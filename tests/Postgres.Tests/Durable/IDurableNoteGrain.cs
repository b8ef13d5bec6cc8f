namespace Crucible.Postgres.Tests.Durable;

/// <summary>A test grain whose state lives in the engine's "crucible" storage, to see it survive restarts.</summary>
[Alias("Crucible.Tests.IDurableNoteGrain")]
public interface IDurableNoteGrain : IGrainWithStringKey
{
    [Alias("Write")]
    Task WriteAsync(string text);

    [Alias("Read")]
    Task<IReadOnlyList<string>> ReadAsync();

    [Alias("Remind")]
    Task RemindAsync(string name);

    [Alias("HasReminder")]
    Task<bool> HasReminderAsync(string name);
}

[GenerateSerializer, Alias("Crucible.Tests.DurableNotes")]
public sealed class DurableNotes
{
    [Id(0)]
    public List<string> Lines { get; set; } = [];
}
