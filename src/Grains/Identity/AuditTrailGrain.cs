using Crucible.Grains.Interfaces.Identity;

namespace Crucible.Grains.Identity;

[GenerateSerializer, Alias("crucible.AuditTrailState")]
public sealed class AuditTrailState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}

/// <summary>One day of the audit log; every entry is written before the append answers.</summary>
public sealed class AuditTrailGrain(
    [PersistentState("audit", StorageNames.Default)] IPersistentState<AuditTrailState> state) : Grain, IAuditTrailGrain
{
    async Task IAuditTrailGrain.AppendAsync(AuditEntry entry)
    {
        state.State.Entries.Add(entry);
        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<AuditEntry>> IAuditTrailGrain.ListAsync() => Task.FromResult<IReadOnlyList<AuditEntry>>([.. state.State.Entries]);
}
