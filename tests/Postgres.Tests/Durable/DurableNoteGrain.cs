using Crucible.Grains;

namespace Crucible.Postgres.Tests.Durable;

public sealed class DurableNoteGrain([PersistentState("notes", StorageNames.Default)] IPersistentState<DurableNotes> notes)
    : Grain, IDurableNoteGrain, IRemindable
{
    async Task IDurableNoteGrain.WriteAsync(string text)
    {
        notes.State.Lines.Add(text);
        await notes.WriteStateAsync();
    }

    Task<IReadOnlyList<string>> IDurableNoteGrain.ReadAsync() => Task.FromResult<IReadOnlyList<string>>(notes.State.Lines.ToArray());

    // A long period: the test only checks that the registration itself is kept.
    Task IDurableNoteGrain.RemindAsync(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    async Task<bool> IDurableNoteGrain.HasReminderAsync(string name) => await this.GetReminder(name) is not null;

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
